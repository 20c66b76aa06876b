import type { Page } from "@playwright/test";
import { buyers, expect, restoreSignIn, test, type Simulator } from "./fixtures";

/** Bought and auto-activated at Microsoft (the simulator takes a display name too). */
function buy(simulator: Simulator, name: string, planId: string) {
  const body = { offerId: "contoso-analytics", planId, purchaser: buyers.alex, autoActivate: true, name };
  return simulator.purchase(body);
}

/** Opens the detail page once the portal has stored the subscription. */
async function openDetail(page: Page, id: string, name: string) {
  await expect(async () => {
    await page.goto(`/admin/subscriptions/${id}`);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

test("an open detail page shows a customer's change within 5 s, without a reload, and keeps what staff are typing", async ({
  page,
  simulator,
}) => {
  const name = `live${Date.now()}`;
  const p = await buy(simulator, name, "professional");
  await restoreSignIn(page, "operator@isv.example");
  await openDetail(page, p.subscriptionId, name);
  const header = page.getByTestId("subscription-header");
  await expect(header).toContainText("Active");
  // Wait until the page listens: a change before that is not announced to it.
  await page.waitForResponse((r) => r.url().includes("/admin/live"), { timeout: 15_000 }).catch(() => undefined);
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  await page.getByRole("button", { name: "Cancel subscription…" }).click();
  const reason = page.getByRole("dialog").getByLabel("Reason (kept in the audit trail)");
  await reason.fill("Half-typed reason");

  await simulator.action(p.subscriptionId, "suspend");
  await expect(header).toContainText("Suspended", { timeout: 5_000 });
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await expect(reason).toHaveValue("Half-typed reason");
});

test("the list shows a new purchase by itself", async ({ page, simulator }) => {
  await restoreSignIn(page, "viewer@isv.example");
  await page.goto("/admin/subscriptions");
  await page.waitForResponse((r) => r.url().includes("/admin/live"), { timeout: 15_000 }).catch(() => undefined);
  const name = `listlive${Date.now()}`;
  await buy(simulator, name, "starter");
  await expect(page.getByRole("link", { name })).toBeVisible({ timeout: 15_000 });
});

test("the live stream refuses anyone who is not staff", async ({ page, request }) => {
  expect((await request.get("/admin/live?once")).status()).toBe(401);
  await restoreSignIn(page, buyers.alex.email);
  const status = await page.request.get("/admin/live?once").then((r) => r.status());
  expect(status).toBe(403);
});
