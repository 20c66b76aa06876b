import { axe } from "./axe";
import type { Page } from "@playwright/test";
import { buyers, expect, restoreSignIn, test } from "./fixtures";

const staffSignIn = async (page: Page, email: string, path: string) => {
  await restoreSignIn(page, email);
  await page.goto(path);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?.]/g, "\\$&")}$`));
};

/** Starts a run and waits until the page, refreshing itself, reports this new run (its own correlation ID) finished. */
const syncNow = async (page: Page) => {
  const correlation = page.getByText(/^Correlation ID sent to Microsoft:/);
  const previous = (await correlation.count()) > 0 ? await correlation.textContent() : null;
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(async () => {
    expect(await correlation.textContent()).not.toBe(previous);
    await expect(page.getByText(/^Finished after/)).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 30_000 });
};

test("a sync imports purchases the portal never heard of, then shows and resolves drift", async ({ page, simulator }) => {
  // Webhooks go nowhere: the portal misses the Subscribe and Suspend notifications, as after an outage.
  await simulator.config({ webhookUrl: "http://127.0.0.1:9/unreachable", webhookMaxAttempts: 1 });
  const name = `sync-${Date.now()}`;
  const a = { offerId: "contoso-analytics", planId: "starter", purchaser: buyers.kim, autoActivate: true, name: `${name}-a` };
  const b = { offerId: "contoso-teamwork", planId: "team", quantity: 5, purchaser: buyers.alex, autoActivate: true, name: `${name}-b` };
  const first = await simulator.purchase(a);
  const second = await simulator.purchase(b);

  await staffSignIn(page, "operator@isv.example", "/admin/sync");
  await expect(page.getByRole("heading", { name: "Sync with the marketplace", level: 1 })).toBeVisible();
  await syncNow(page);
  await expect(page.getByRole("progressbar", { name: "Sync progress" })).toHaveAttribute("aria-valuenow", "100");

  await page.goto(`/admin/subscriptions?q=${name}`);
  await expect(page.getByRole("link", { name: `${name}-a` })).toBeVisible();
  await expect(page.getByRole("link", { name: `${name}-b` })).toBeVisible();

  // Microsoft suspends one (payment failed); the webhook never arrives. The sync applies it by itself.
  await simulator.action(first.subscriptionId, "suspend");
  await page.goto("/admin/sync");
  await syncNow(page);
  await expect(page.getByRole("row", { name: new RegExp(`${name}-a`) })).toHaveCount(0);
  await page.goto(`/admin/audit?action=subscription.drift_healed&target=${first.subscriptionId}`);
  await expect(page.getByRole("cell", { name: "subscription.drift_healed" })).toBeVisible();

  // An owner who wants every drift reviewed turns that off.
  await staffSignIn(page, "owner@isv.example", "/admin/settings");
  const healing = page.getByLabel("Drift in Microsoft-owned fields");
  await healing.selectOption("off");
  await healing.locator("xpath=ancestor::form").getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("A sync now leaves all drift for staff to review.")).toBeVisible();

  try {
    // Microsoft suspends the other one; again the webhook never arrives, and now staff decide.
    await simulator.action(second.subscriptionId, "suspend");
    await staffSignIn(page, "operator@isv.example", "/admin/sync");
    await syncNow(page);
    const drift = page.getByRole("row", { name: new RegExp(`${name}-b`) });
    await expect(drift).toContainText("Status");
    await expect(drift).toContainText("Subscribed");
    await expect(drift).toContainText("Suspended");
    const audit = await axe(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(audit.violations.map((v) => v.id)).toEqual([]);

    await drift.getByRole("button", { name: "Accept Microsoft's version" }).click();
    // The accepted row leaves the drift table: that is the confirmation staff see.
    await expect(page.getByRole("region", { name: "Drift (0 subscriptions, 0 fields)" })).toBeVisible();
    await page.goto(`/admin/subscriptions/${second.subscriptionId}`);
    await expect(page.getByText("Suspended").first()).toBeVisible();

    await page.goto(`/admin/audit?action=subscription.drift_accepted&target=${second.subscriptionId}`);
    await expect(page.getByRole("cell", { name: "subscription.drift_accepted" })).toBeVisible();
  } finally {
    // The setting is shared by every spec on this server: back to the default.
    await staffSignIn(page, "owner@isv.example", "/admin/settings");
    await page.getByLabel("Drift in Microsoft-owned fields").selectOption("on");
    await page.getByLabel("Drift in Microsoft-owned fields").locator("xpath=ancestor::form").getByRole("button", { name: "Save" }).click();
    await expect(page.getByText(/A sync now applies drift/)).toBeVisible();
  }
});

test("a viewer watches the sync but cannot start one or accept drift", async ({ page }) => {
  await staffSignIn(page, "viewer@isv.example", "/admin/sync");
  await expect(page.getByRole("heading", { name: "Sync with the marketplace", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sync now" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Accept/ })).toHaveCount(0);
});

test("the runs route refuses a cross-site start and callers who are not signed in", async ({ request }) => {
  expect((await request.post("/admin/sync/runs", { data: {}, headers: { origin: "https://evil.example" } })).status()).toBe(403);
  expect((await request.post("/admin/sync/runs", { data: {} })).status()).toBe(401);
  expect((await request.get("/admin/sync/runs")).status()).toBe(401);
});
