import { buyers, expect, signInAs, test } from "./fixtures";

const answers = async (page: import("@playwright/test").Page) => {
  await page.getByLabel("Company name").fill("Contoso Ltd");
  await page.getByLabel("Technical contact e-mail").fill("it@contoso.example");
  await page.getByLabel("Expected number of users").fill("40");
  await page.getByLabel("Data region").selectOption("Europe");
};

test("buy, land, sign in, confirm: activated once and handed off to the product", async ({ page, simulator }) => {
  const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "professional", purchaser: buyers.alex });
  await page.goto(p.landingUrl);
  await expect(page.getByRole("heading", { name: "Thank you for purchasing Contoso Analytics" })).toBeVisible();
  await signInAs(page, buyers.alex.email);

  await expect(page.getByRole("heading", { name: "Set up Contoso Analytics" })).toBeVisible();
  const summary = page.getByRole("region", { name: "Professional" });
  await expect(summary).toContainText("Flat rate");
  await expect(summary).toContainText("Pending activation");
  await expect(summary).toContainText(buyers.alex.email);
  await expect(summary).toContainText(p.subscriptionId);

  // Server-side validation with a clear message per field, and nothing typed is lost.
  await answers(page);
  await page.getByLabel("Company name").fill("");
  await page.getByLabel("Technical contact e-mail").fill("not-an-address");
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByText("Company name is required")).toBeVisible();
  await expect(page.getByText("Technical contact e-mail must be an e-mail address")).toBeVisible();
  await expect(page.getByLabel("Expected number of users")).toHaveValue("40");
  await expect(page.getByLabel("Data region")).toHaveValue("Europe");
  await page.getByLabel("Company name").fill("Contoso Ltd");
  await page.getByLabel("Technical contact e-mail").fill("it@contoso.example");
  await page.getByRole("button", { name: "Confirm", exact: true }).click();

  await expect(page.getByRole("heading", { name: "Your subscription is active" })).toBeVisible();
  const sub = await simulator.subscription(p.subscriptionId);
  expect(sub.saasSubscriptionStatus).toBe("Subscribed");
  expect(sub.apiCalls.activate).toBe(1);

  await page.getByRole("button", { name: "Open Contoso Analytics" }).click();
  await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
  await expect(page.getByText(p.subscriptionId)).toBeVisible();

  // Manage account later: the same link shows the active subscription and never activates again.
  await page.goto(p.landingUrl);
  await expect(page.getByRole("heading", { name: "Your subscription is active" })).toBeVisible();
  expect((await simulator.subscription(p.subscriptionId)).apiCalls.activate).toBe(1);
});

test("a staff-approved plan waits for approval and is not activated", async ({ page, simulator }) => {
  const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "enterprise", purchaser: buyers.alex });
  await page.goto(p.landingUrl);
  await signInAs(page, buyers.alex.email);
  await answers(page);
  await page.getByLabel("Single sign-on domain").fill("https://login.contoso.example");
  await page.getByRole("button", { name: "Confirm and request activation" }).click();
  await expect(page.getByRole("heading", { name: "Awaiting approval" })).toBeVisible();
  expect((await simulator.subscription(p.subscriptionId)).apiCalls.activate).toBe(0);
});

test("a double click on Confirm activates once", async ({ page, simulator }) => {
  const p = await simulator.purchase({ offerId: "contoso-teamwork", planId: "team", quantity: 5, purchaser: buyers.alex });
  await page.goto(p.landingUrl);
  await signInAs(page, buyers.alex.email);
  await expect(page.getByRole("region", { name: "Team" })).toContainText("Per user");
  await page.getByLabel("Team name").fill("Platform");
  await page.getByRole("button", { name: "Confirm", exact: true }).dblclick();
  await expect(page.getByRole("heading", { name: "Your subscription is active" })).toBeVisible();
  expect((await simulator.subscription(p.subscriptionId)).apiCalls.activate).toBe(1);
});

test("two tabs confirming at once activate once", async ({ context, page, simulator }) => {
  const p = await simulator.purchase({ offerId: "contoso-teamwork", planId: "team", quantity: 3, purchaser: buyers.alex });
  await page.goto(p.landingUrl);
  await signInAs(page, buyers.alex.email);
  const second = await context.newPage();
  await second.goto(p.landingUrl);
  for (const tab of [page, second]) await tab.getByLabel("Team name").fill("Design");
  await Promise.all([page, second].map((tab) => tab.getByRole("button", { name: "Confirm", exact: true }).click()));
  for (const tab of [page, second])
    await expect(tab.getByRole("heading", { name: /Your subscription is active|Activation in progress/ })).toBeVisible();
  expect((await simulator.subscription(p.subscriptionId)).apiCalls.activate).toBe(1);
});

test("an auto-activated purchase is already active on landing", async ({ page, simulator }) => {
  const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "starter", purchaser: buyers.alex, autoActivate: true });
  await page.goto(p.landingUrl);
  await signInAs(page, buyers.alex.email);
  await expect(page.getByRole("heading", { name: "Your subscription is active" })).toBeVisible();
  expect((await simulator.subscription(p.subscriptionId)).apiCalls.activate).toBe(0);
});

test("suspended and cancelled subscriptions show their state and next step", async ({ page, simulator }) => {
  const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "starter", purchaser: buyers.alex, autoActivate: true });
  await simulator.action(p.subscriptionId, "suspend");
  await page.goto(p.landingUrl);
  await signInAs(page, buyers.alex.email);
  await expect(page.getByRole("heading", { name: "Your subscription is suspended" })).toBeVisible();
  await simulator.action(p.subscriptionId, "unsubscribe");
  await page.reload();
  await expect(page.getByRole("heading", { name: "This subscription was cancelled" })).toBeVisible();
  expect((await simulator.subscription(p.subscriptionId)).apiCalls.activate).toBe(0);
});

test.describe("error pages", () => {
  test("no token", async ({ page }) => {
    await page.goto("/landing");
    await expect(page.getByRole("heading", { name: "This page needs a purchase link" })).toBeVisible();
  });

  test("a forged or malformed token", async ({ page }) => {
    for (const token of ["forged-token", "%E0%A4%A", "a+b/c=="]) {
      const res = await page.goto(`/landing?token=${token}`);
      expect(res?.status()).toBe(200);
      await expect(page.getByRole("heading", { name: "We could not identify your purchase" })).toBeVisible();
    }
  });

  test("an expired token gets Microsoft's guidance", async ({ page, simulator }) => {
    await simulator.config({ purchaseTokenLifetimeSeconds: 1 });
    const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "starter", purchaser: buyers.alex });
    await page.waitForTimeout(1500);
    await page.goto(p.landingUrl);
    await expect(page.getByRole("heading", { name: "We could not identify your purchase" })).toBeVisible();
    await expect(page.getByText(/Configure account/)).toBeVisible();
  });

  test("a marketplace outage", async ({ page, simulator }) => {
    const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "starter", purchaser: buyers.alex });
    await simulator.faults([{ endpoint: "resolve", effect: { type: "status", status: 500 } }]);
    await page.goto(p.landingUrl);
    await expect(page.getByRole("heading", { name: "The marketplace is not answering right now" })).toBeVisible();
    await simulator.faults([]);
    await page.reload();
    await expect(page.getByRole("heading", { name: "Thank you for purchasing Contoso Analytics" })).toBeVisible();
  });
});

test("a buyer sees their own organisation's subscriptions, never another's", async ({ browser, simulator }) => {
  const mine = await simulator.purchase({ offerId: "contoso-analytics", planId: "starter", purchaser: buyers.alex, autoActivate: true });
  const alex = await browser.newPage();
  await alex.goto(mine.landingUrl);
  await signInAs(alex, buyers.alex.email);
  await alex.goto("/account");
  await expect(alex.getByRole("table", { name: "Subscriptions of your organisation" })).toContainText(mine.subscriptionId);

  const kim = await browser.newPage();
  await kim.goto("/account");
  await signInAs(kim, buyers.kim.email);
  await expect(kim.getByRole("heading", { name: "My subscriptions" })).toBeVisible();
  await expect(kim.getByText("Signed in as kim@fabrikam.example")).toBeVisible();
  await expect(kim.locator("main")).not.toContainText(mine.subscriptionId);
  // The hand-off of someone else's subscription is refused as if it did not exist.
  const res = await kim.request.post("/api/handoff", { form: { subscription: mine.subscriptionId }, maxRedirects: 0 });
  expect(res.status()).toBe(404);
});
