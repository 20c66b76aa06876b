import { axe } from "./axe";
import type { Locator, Page } from "@playwright/test";
import { buyers, expect, restoreSignIn, test } from "./fixtures";

/** Opens the detail page once the portal has stored the subscription (it learns of it from the Subscribe webhook). */
async function openDetail(page: Page, id: string, name: string) {
  await expect(async () => {
    await page.goto(`/admin/subscriptions/${id}`);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

const top = async (l: Locator) => (await l.boundingBox())!.y;

test("the detail page leads with a summary, then actions, folded facts and a plain-words timeline", async ({ page, simulator }) => {
  const name = `detail${Date.now()}`;
  const body = { offerId: "contoso-teamwork", planId: "team", quantity: 12, purchaser: buyers.alex, autoActivate: true, name };
  const p = await simulator.purchase(body);
  await restoreSignIn(page, "operator@isv.example");
  await openDetail(page, p.subscriptionId, name);
  // The catalogue learns the plans' names through a live subscription of the offer.
  await page.goto("/admin/catalogue");
  await page.getByRole("button", { name: "Refresh plans" }).click();
  // Another spec's subscription may be gone from the simulator: "1 of 2 offers refreshed" is fine.
  await expect(page.getByText(/(Plans refreshed for \d+ offers?|\d+ of \d+ offers refreshed)\./)).toBeVisible({ timeout: 30_000 });
  await page.goto(`/admin/subscriptions/${p.subscriptionId}`);

  const header = page.getByTestId("subscription-header");
  await expect(header).toContainText("Active");
  await expect(header).toContainText("Contoso Teamwork");
  await expect(header.getByTitle("Plan ID: team")).toHaveText("Team");
  await expect(header).toContainText("per seat");
  await expect(header).toContainText(buyers.alex.email);
  await expect(header).toContainText("MRR contribution");
  const seats = header.getByRole("definition").filter({ hasText: /^12$/ });
  await expect(seats).toBeVisible();

  const actions = page.getByRole("region", { name: "Actions" });
  const details = page.getByRole("region", { name: "Details" });
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(actions.getByRole("button", { name: "Cancel subscription…" })).toBeVisible();
  // On a wide screen the actions sit beside the facts; the header comes first, the timeline after the facts.
  expect(await top(header)).toBeLessThan(await top(details));
  expect((await actions.boundingBox())!.x).toBeGreaterThan((await details.boundingBox())!.x);
  expect(await top(details)).toBeLessThan(await top(timeline));

  // Identifiers are folded away until asked for.
  const subscriptionId = details.getByText(p.subscriptionId);
  await expect(subscriptionId).toBeHidden();
  await details.getByText("Identifiers").click();
  await expect(subscriptionId).toBeVisible();

  // The customer adds seats in Microsoft's portal: one entry, in words, with its records folded inside.
  await simulator.action(p.subscriptionId, "change-quantity", { quantity: 20 });
  const entry = timeline.getByRole("listitem").filter({ hasText: "Customer changed seats 12 → 20" });
  await expect(entry).toBeVisible({ timeout: 30_000 });
  await expect(header.getByRole("definition").filter({ hasText: /^20$/ })).toBeVisible();
  const webhook = entry.getByText("Webhook from Microsoft: ChangeQuantity");
  await expect(webhook).toBeHidden();
  await entry.getByText(/^Technical records/).click();
  await expect(webhook).toBeVisible();
  await expect(entry).toContainText("Audit: subscription.quantity_changed");
  const audit = await axe(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(audit.violations.map((v) => v.id)).toEqual([]);

  // At 390 px everything stacks in that order, without scrolling sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await top(header)).toBeLessThan(await top(actions));
  expect(await top(actions)).toBeLessThan(await top(details));
  expect(await top(details)).toBeLessThan(await top(timeline));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The audit log names the subscription and links to it, with the ID on hover.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/admin/audit?target=${p.subscriptionId}`);
  const link = page.getByRole("row").nth(1).getByRole("link", { name });
  await expect(link).toHaveAttribute("href", `/admin/subscriptions/${p.subscriptionId}`);
  await expect(link).toHaveAttribute("title", `ID: ${p.subscriptionId}`);
});
