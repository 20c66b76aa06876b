import { axe } from "./axe";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { buyers, expect, restoreSignIn, signInAs, test, type Simulator } from "./fixtures";

const staffSignIn = async (page: Page, email: string, path: string) => {
  await restoreSignIn(page, email);
  await page.goto(path);
};

/** Bought and auto-activated at Microsoft; the portal learns of it from the Subscribe webhook. */
async function buyActive(simulator: Simulator, name: string, extra: Record<string, unknown> = {}) {
  const body = { offerId: "contoso-analytics", planId: "starter", purchaser: buyers.alex, autoActivate: true, name, ...extra };
  return simulator.purchase(body);
}

/** Opens the detail page once the portal has stored the subscription. */
async function openDetail(page: Page, id: string, name: string) {
  await expect(async () => {
    await page.goto(`/admin/subscriptions/${id}`);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

/** Bought on the staff-approved plan and onboarded by the buyer on the landing page: it waits for staff approval. */
async function onboardForApproval(page: Page, simulator: Simulator, extra: Record<string, unknown> = {}) {
  const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "enterprise", purchaser: buyers.alex, ...extra });
  await page.goto(p.landingUrl);
  await signInAs(page, buyers.alex.email);
  await page.getByLabel("Company name").fill("Contoso Ltd");
  await page.getByLabel("Technical contact e-mail").fill("it@contoso.example");
  await page.getByLabel("Data region").selectOption("Europe");
  await page.getByRole("button", { name: "Confirm and request activation" }).click();
  await expect(page.getByRole("heading", { name: "Awaiting approval" })).toBeVisible();
  return p;
}

/** A purchase's entry in the overview's pending activations. */
const pendingActivation = (page: Page, name: string) =>
  page
    .getByRole("region", { name: /^Pending activations/ })
    .getByRole("listitem")
    .filter({ hasText: name });

test("search, filter, page through and export the list", async ({ page, simulator }) => {
  const prefix = `list${Date.now()}`;
  for (let i = 0; i < 27; i++) await buyActive(simulator, `${prefix}-${String(i).padStart(2, "0")}`);
  // A purchaser address of its own, so other journeys' purchases never match the search.
  const kimEmail = `${prefix}@fabrikam.example`;
  await buyActive(simulator, `${prefix}-kim`, { purchaser: { ...buyers.kim, email: kimEmail } });
  await staffSignIn(page, "operator@isv.example", `/admin/subscriptions?q=${prefix}`);

  const results = page.getByRole("region", { name: /subscriptions?$/ });
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("heading", { name: "28 subscriptions" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  const rows = results.getByRole("row");
  await expect(rows).toHaveCount(26); // header + 25
  const firstName = await rows.nth(1).getByRole("link").first().textContent();

  await results.getByRole("link", { name: "Next" }).click();
  await expect(rows).toHaveCount(4);
  await expect(page).toHaveURL(/after=/);
  await results.getByRole("link", { name: "Previous" }).click();
  await expect(rows).toHaveCount(26);
  await expect(rows.nth(1).getByRole("link").first()).toHaveText(firstName ?? "");

  // Filters apply as they change, and the URL follows.
  await page.getByRole("searchbox", { name: "Search" }).fill(kimEmail);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(kimEmail).replace(/[.]/g, "\\.")}`));
  await expect(page.getByRole("heading", { name: "1 subscription" })).toBeVisible();
  await expect(results.getByRole("link", { name: `${prefix}-kim` })).toBeVisible();

  await page.getByRole("searchbox", { name: "Search" }).fill(prefix);
  await page.getByLabel("Sort by").selectOption("name");
  await expect(page).toHaveURL(/sort=name/);
  await expect(rows.nth(1).getByRole("link").first()).toHaveText(`${prefix}-00`);
  const [download] = await Promise.all([page.waitForEvent("download"), results.getByRole("link", { name: "Export CSV" }).click()]);
  const csv = (await readFile((await download.path())!, "utf8"))
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(csv[0]).toMatch(/^subscription_id,name,offer_id,plan_id,/);
  expect(csv).toHaveLength(29);
  expect(csv[1]).toContain(`${prefix}-00`);
  expect((await axe(page).withTags(["wcag2a", "wcag2aa"]).analyze()).violations).toEqual([]);
});

test("an operator changes the plan and follows the operation until it succeeds", async ({ page, simulator }) => {
  await simulator.config({ operationDelayMs: 3_000 });
  const name = `plan${Date.now()}`;
  const p = await buyActive(simulator, name);
  await staffSignIn(page, "operator@isv.example", "/admin");
  await openDetail(page, p.subscriptionId, name);

  await page.getByLabel("New plan").selectOption("professional");
  await page.getByRole("button", { name: "Request plan change" }).click();
  const unapproved = page.getByText("Confirm that the customer approved this change");
  await expect(unapproved).toBeVisible();
  // A refused request keeps the chosen plan; the approval's error goes once the box is ticked.
  await expect(page.getByLabel("New plan")).toHaveValue("professional");
  expect((await simulator.subscription(p.subscriptionId)).apiCalls.patch ?? 0).toBe(0);

  await page.getByRole("checkbox", { name: "The customer has approved this change." }).check();
  await expect(unapproved).toHaveCount(0);
  await page.getByRole("button", { name: "Request plan change" }).click();
  // Plans are named as the catalogue knows them (the ID until the catalogue has the plan).
  const changing = page.getByRole("status").filter({ hasText: /Change plan to (Professional|professional)/ });
  await expect(changing).toContainText("at Microsoft");
  await expect(page.getByRole("region", { name: "Actions" })).toContainText("Actions are locked");
  // The page refreshes itself while the operation is open.
  await expect(page.getByRole("status").filter({ hasText: /Change plan to (Professional|professional): succeeded/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByTestId("subscription-header").getByTitle("Plan ID: professional")).toBeVisible();
  // One timeline entry tells the change: who asked, and from which plan to which.
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText(/Staff \(operator@isv\.example\) changed the plan (Starter|starter) → (Professional|professional)/);
  await expect(timeline.getByRole("listitem").filter({ hasText: "changed the plan" })).toHaveCount(1);
  const remote = await simulator.subscription(p.subscriptionId);
  expect(remote.planId).toBe("professional");
  expect(remote.apiCalls.patch).toBe(1);
});

test("cancelling asks for a reason in a confirmation dialog", async ({ page, simulator }) => {
  await simulator.config({ operationDelayMs: 1_000 });
  const name = `cancel${Date.now()}`;
  const p = await buyActive(simulator, name, { planId: "professional" });
  await staffSignIn(page, "operator@isv.example", "/admin");
  await openDetail(page, p.subscriptionId, name);

  await page.getByRole("button", { name: "Cancel subscription…" }).click();
  const dialog = page.getByRole("dialog", { name: `Cancel ${name}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Keep subscription" }).click();
  await expect(dialog).toBeHidden();
  expect((await simulator.subscription(p.subscriptionId)).apiCalls.delete ?? 0).toBe(0);

  await page.getByRole("button", { name: "Cancel subscription…" }).click();
  await dialog.getByLabel("Reason (kept in the audit trail)").fill("No");
  // The browser's own check (required) is passed: the server's minimum length refuses it.
  await dialog.getByRole("button", { name: "Cancel subscription" }).click();
  const tooShort = dialog.getByText("Give a reason (at least 3 characters)");
  await expect(tooShort).toBeVisible();
  await expect(dialog.getByLabel("Reason (kept in the audit trail)")).toHaveValue("No");
  await dialog.getByLabel("Reason (kept in the audit trail)").fill("Customer asked by e-mail");
  await expect(tooShort).toHaveCount(0);
  await dialog.getByRole("button", { name: "Cancel subscription" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Cancel the subscription: succeeded" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Actions" })).toContainText("This subscription is cancelled");
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("Reason: Customer asked by e-mail");
  expect((await simulator.subscription(p.subscriptionId)).saasSubscriptionStatus).toBe("Unsubscribed");
});

test("staff approve a purchase on a staff-approved plan, which activates it once", async ({ browser, page, simulator }) => {
  const p = await onboardForApproval(page, simulator);

  const staff = await browser.newPage();
  await staffSignIn(staff, "operator@isv.example", "/admin");
  await expect(staff.getByRole("region", { name: /^Pending activations/ })).toBeVisible();
  await staff.goto(`/admin/subscriptions/${p.subscriptionId}`);
  await expect(staff.getByRole("region", { name: "Onboarding values" })).toContainText("Contoso Ltd");
  await expect(staff.getByRole("region", { name: "Actions" })).toContainText("it waits for staff approval");
  await staff.getByRole("button", { name: "Approve and activate" }).click();
  // The approval form gives way to the active subscription's own actions.
  await expect(staff.getByRole("region", { name: "Timeline" })).toContainText(
    "Staff (operator@isv.example) activated the subscription: billing started",
  );
  await expect(staff.getByRole("button", { name: "Approve and activate" })).toHaveCount(0);
  // Its message stays on the page, once: gone after the next navigation.
  await expect(staff.getByRole("status").filter({ hasText: "Activated: billing has started." })).toBeVisible();
  await staff.reload();
  await expect(staff.getByText("Activated: billing has started.")).toHaveCount(0);
  expect((await simulator.subscription(p.subscriptionId)).apiCalls.activate).toBe(1);
  await staff.close();
});

test("saved views are links, and each filter chip removes only its own filter", async ({ page }) => {
  await staffSignIn(page, "viewer@isv.example", "/admin/subscriptions");
  await page.getByRole("link", { name: "Pending activation for more than 7 days" }).click();
  await expect(page).toHaveURL(/\?status=PendingFulfillmentStart&older=7&dir=asc$/);
  await expect(page.getByRole("link", { name: "Pending activation for more than 7 days" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("checkbox", { name: "Pending activation" })).toBeChecked();
  await expect(page.getByLabel("Purchased", { exact: true })).toHaveValue("7");

  // Another status joins at once; its chip, then the age chip, go one by one.
  await page.getByRole("checkbox", { name: "Suspended" }).check();
  await expect(page).toHaveURL(/status=PendingFulfillmentStart&status=Suspended/);
  const chips = page.getByRole("list", { name: "Active filters" });
  await chips.getByRole("link", { name: "Remove filter Status: Pending activation" }).click();
  await expect(page).toHaveURL(/\?status=Suspended&older=7&dir=asc$/);
  await expect(page.getByRole("checkbox", { name: "Pending activation" })).not.toBeChecked();
  await chips.getByRole("link", { name: "Remove filter Purchased more than 7 days ago" }).click();
  await expect(page).toHaveURL(/\?status=Suspended&dir=asc$/);
  await expect(page.getByLabel("Purchased", { exact: true })).toHaveValue("");
  await expect(chips.getByRole("link")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Apply filters" })).toHaveCount(0);
});

test("the overview shows what holds a pending purchase back, and approves it in place", async ({ browser, page, simulator }) => {
  const name = `inline-${Date.now()}`;
  const p = await onboardForApproval(page, simulator, { name });

  const viewer = await browser.newPage();
  await staffSignIn(viewer, "viewer@isv.example", "/admin");
  const viewerRow = pendingActivation(viewer, name);
  await expect(viewerRow).toContainText("Waits for staff approval");
  await expect(viewerRow.getByRole("button")).toHaveCount(0);
  await viewer.close();

  const staff = await browser.newPage();
  await staffSignIn(staff, "operator@isv.example", "/admin");
  const row = pendingActivation(staff, name);
  await expect(row).toContainText(buyers.alex.email);
  await expect(row).toContainText("Waits for staff approval");
  await expect(row.getByRole("link", { name: buyers.alex.email })).toHaveAttribute("href", `/admin/customers/${buyers.alex.tenantId}`);
  await row.getByRole("button", { name: "Approve and activate" }).click();
  await expect(staff.getByRole("status").filter({ hasText: /Activated: billing has started\.|Activation requested/ })).toBeVisible();
  await expect(row).toHaveCount(0);
  expect((await simulator.subscription(p.subscriptionId)).apiCalls.activate).toBe(1);

  // The purchaser's tenant opens the customer view: its subscriptions, seats and revenue.
  await staff.goto(`/admin/customers/${buyers.alex.tenantId}`);
  await expect(staff.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(staff.getByRole("region", { name: /^Subscriptions \(\d+\)$/ }).getByRole("link", { name })).toBeVisible();
  await expect(staff.getByText("Estimated MRR")).toBeVisible();
  await staff.close();
});
