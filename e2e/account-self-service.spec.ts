import { axe } from "./axe";
import type { Page } from "@playwright/test";
import { buyers, expect, restoreSignIn, test, type Simulator } from "./fixtures";

// A buyer's own changes on /account: each reaches Microsoft exactly once, goes through the same
// service as the dashboard's (so the staff timeline shows it, with the buyer as the actor), and
// only where Microsoft and the offer's settings allow it.

async function buy(simulator: Simulator, name: string, extra: Record<string, unknown> = {}) {
  const body = {
    offerId: "contoso-teamwork",
    planId: "business",
    quantity: 10,
    purchaser: buyers.alex,
    autoActivate: true,
    name,
    ...extra,
  };
  return simulator.purchase(body);
}

/** Alex's page for the subscription, once the portal has stored it as active. */
async function openManage(page: Page, id: string, name: string) {
  await restoreSignIn(page, buyers.alex.email);
  await expect(async () => {
    await page.goto(`/account/${id}`);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible({ timeout: 1_000 });
    await expect(page.getByText("Active", { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

/** The staff timeline of the subscription, as an operator sees it. */
async function staffTimeline(page: Page, id: string) {
  await restoreSignIn(page, "operator@isv.example");
  await page.goto(`/admin/subscriptions/${id}`);
  return page.getByRole("region", { name: "Timeline" });
}

const expectAccessible = async (page: Page) => {
  const results = await axe(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
};

test("a buyer changes seats: a refused value stays with its error, the change reaches Microsoft once", async ({ page, simulator }) => {
  test.setTimeout(120_000);
  await simulator.config({ operationDelayMs: 2_000 });
  const name = `seats${Date.now()}`;
  const p = await buy(simulator, name);
  await openManage(page, p.subscriptionId, name);
  await expectAccessible(page);

  const seats = page.getByRole("region", { name: "Seats" });
  const field = seats.getByLabel("Number of seats");
  await expect(field).toHaveValue("10");
  await field.fill("2");
  await seats.getByRole("button", { name: "Change seats" }).click();
  await expect(seats.getByText("Choose between 5 and 5,000 seats.")).toBeVisible({ timeout: 30_000 });
  await expect(field).toHaveValue("2");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  expect((await simulator.subscription(p.subscriptionId)).apiCalls.patch ?? 0).toBe(0);

  await field.fill("12");
  await expect(seats.getByText("Choose between 5 and 5,000 seats.")).toHaveCount(0);
  await expect(field).toHaveAttribute("aria-invalid", "false");
  await seats.getByRole("button", { name: "Change seats" }).click();
  await expect(page.getByRole("status").filter({ hasText: "A change to 12 seats is in progress at Microsoft." })).toBeVisible({
    timeout: 30_000,
  });
  // While it is pending, no control offers another change.
  await expect(page.getByRole("region", { name: "Seats" })).toHaveCount(0);
  await expect(page.getByText("Cancel subscription…")).toHaveCount(0);
  const activity = page.getByRole("region", { name: "Activity" });
  await expect(activity).toContainText("Change to 12 seats requested");
  await expect(activity).toContainText("By you");
  await expectAccessible(page);
  await expect(async () => {
    await page.reload();
    await expect(activity.getByText("Seats changed to 12")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await page.screenshot({ path: test.info().outputPath("seats-changed.png"), fullPage: true });

  const remote = await simulator.subscription(p.subscriptionId);
  expect(remote.quantity).toBe(12);
  expect(remote.apiCalls.patch).toBe(1);

  const timeline = await staffTimeline(page, p.subscriptionId);
  // One entry for the change, in words, with the request and Microsoft's confirmation folded inside.
  await expect(timeline).toContainText(`Customer (${buyers.alex.email}) changed seats 10 → 12`);
  await expect(timeline).toContainText("subscription.quantity_change_requested");
  await expect(timeline).toContainText("subscription.quantity_changed");
});

test("a buyer changes the plan: a plan Microsoft does not offer stays chosen with its error, then the change goes through", async ({
  page,
  simulator,
}) => {
  test.setTimeout(120_000);
  const name = `plan${Date.now()}`;
  const p = await buy(simulator, name);
  await openManage(page, p.subscriptionId, name);

  const plan = page.getByRole("region", { name: "Plan" });
  const select = plan.getByLabel("New plan");
  // A plan the page did not offer (another offer's, as a stale or hand-made form would send): Microsoft's list refuses it.
  await select.evaluate((s: HTMLSelectElement) => {
    s.add(new Option("Starter", "starter"));
    s.value = "starter";
  });
  await plan.getByRole("button", { name: "Change plan" }).click();
  const refused = "This plan is not available for this subscription.";
  await expect(select).toHaveAccessibleDescription(refused, { timeout: 30_000 });
  await expect(select).toHaveValue("starter");
  await expect(select).toHaveAttribute("aria-invalid", "true");
  expect((await simulator.subscription(p.subscriptionId)).apiCalls.patch ?? 0).toBe(0);

  await select.selectOption("team");
  await expect(plan.getByText(refused)).toHaveCount(0);
  await plan.getByRole("button", { name: "Change plan" }).click();
  // Plans are named as the catalogue knows them (the ID until the catalogue has the plan).
  await expect(page.getByRole("status").filter({ hasText: /A change to the (Team|team) plan is in progress at Microsoft\./ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("region", { name: "Activity" })).toContainText(/Change to the (Team|team) plan requested/);
  await expect(async () => expect((await simulator.subscription(p.subscriptionId)).planId).toBe("team")).toPass({ timeout: 45_000 });
  expect((await simulator.subscription(p.subscriptionId)).apiCalls.patch).toBe(1);
});

test("a buyer cancels only after confirming, and the cancellation reaches Microsoft once", async ({ page, simulator }) => {
  test.setTimeout(120_000);
  await simulator.config({ operationDelayMs: 1_000 });
  const name = `cancel${Date.now()}`;
  const p = await buy(simulator, name, { offerId: "contoso-analytics", planId: "starter", quantity: undefined });
  await openManage(page, p.subscriptionId, name);

  const cancel = page.getByRole("region", { name: "Cancel subscription" });
  await cancel.getByText("Cancel subscription…").click();
  await cancel.getByLabel("Why are you cancelling? (optional)").fill("Moving to another tool");
  await cancel.getByRole("button", { name: "Cancel subscription", exact: true }).click();
  await expect(cancel.getByText("Tick the box to confirm the cancellation.")).toBeVisible({ timeout: 30_000 });
  await expect(cancel.getByLabel("Why are you cancelling? (optional)")).toHaveValue("Moving to another tool");
  expect((await simulator.subscription(p.subscriptionId)).apiCalls.delete ?? 0).toBe(0);
  await page.screenshot({ path: test.info().outputPath("cancel-confirm.png"), fullPage: true });

  await cancel.getByLabel("I understand that the cancellation cannot be undone.").check();
  await cancel.getByRole("button", { name: "Cancel subscription", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "The cancellation is in progress at Microsoft." })).toBeVisible({
    timeout: 30_000,
  });
  const activity = page.getByRole("region", { name: "Activity" });
  await expect(async () => {
    await page.reload();
    await expect(activity.getByText("Subscription cancelled")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByText("Cancel subscription…")).toHaveCount(0);

  const remote = await simulator.subscription(p.subscriptionId);
  expect(remote.saasSubscriptionStatus).toBe("Unsubscribed");
  expect(remote.apiCalls.delete).toBe(1);

  const timeline = await staffTimeline(page, p.subscriptionId);
  await expect(timeline).toContainText(`Customer (${buyers.alex.email}) cancelled the subscription`);
  await expect(timeline).toContainText("Reason: Moving to another tool");
  await expect(timeline).toContainText("subscription.cancellation_requested");
});

test("no control where the offer turns it off or Microsoft does not allow it", async ({ page, simulator }) => {
  test.setTimeout(120_000);
  const name = `off${Date.now()}`;
  const [p, csp] = [await buy(simulator, name), await buy(simulator, `${name}-csp`, { csp: true })];

  const settings = async (on: boolean) => {
    await restoreSignIn(page, "owner@isv.example");
    await page.goto("/admin/catalogue/contoso-teamwork");
    const card = page.getByRole("region", { name: "Self-service" });
    for (const label of ["Buyers may change the number of seats", "Buyers may cancel"]) await card.getByLabel(label).setChecked(on);
    await card.getByRole("button", { name: "Save self-service" }).click();
    await expect(card.getByText("Self-service settings saved.")).toBeVisible({ timeout: 30_000 });
  };
  await settings(false);
  try {
    await openManage(page, p.subscriptionId, name);
    await expect(page.getByRole("region", { name: "Plan" })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("region", { name: "Seats" })).toHaveCount(0);
    await expect(page.getByText("Cancel subscription…")).toHaveCount(0);
  } finally {
    await settings(true);
  }

  // A CSP purchase: the customer's partner makes every change, so nothing is offered, and support is named.
  await openManage(page, csp.subscriptionId, `${name}-csp`);
  await expect(page.getByText("This subscription cannot be changed here.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Plan" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Seats" })).toHaveCount(0);
  await expect(page.getByText("Cancel subscription…")).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("csp.png"), fullPage: true });
});
