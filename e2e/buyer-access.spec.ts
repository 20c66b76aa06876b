import type { Page } from "@playwright/test";
import { buyers, expect, signInAs, test } from "./fixtures";

/** Counts the requests one action sends to the hand-off route and to the product (the welcome page). */
function countHandoffRequests(page: Page) {
  const counts = { handoff: 0, product: 0 };
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path === "/api/handoff") counts.handoff++;
    if (path === "/welcome") counts.product++;
  });
  return counts;
}

test("a user of another organisation who follows the purchase link is told whose it is, and not offered Open", async ({
  page,
  simulator,
}) => {
  const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "starter", purchaser: buyers.alex, autoActivate: true });
  await page.goto(p.landingUrl);
  await signInAs(page, buyers.kim.email);
  await expect(page.getByText("Signed in as kim@fabrikam.example")).toBeVisible();
  const notice = page.getByRole("note");
  await expect(notice.getByRole("heading", { name: "This subscription belongs to the purchaser's organisation" })).toBeVisible();
  await expect(notice).toContainText(buyers.alex.email);
  await expect(page.getByRole("heading", { name: "Your subscription is active" })).toBeVisible();
  // Neither a form nor a link to the hand-off (the simulator's banner has its own "Open the marketplace simulator").
  await expect(page.getByRole("main").getByRole("button", { name: /^Open/ })).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("link", { name: /^Open/ })).toHaveCount(0);

  // Kim's own list stays empty: e-mail, tenant and object ID all differ from Alex's.
  await page.goto("/account");
  await expect(page.locator("main")).not.toContainText(p.subscriptionId);
});

test("a user of another organisation may still confirm a pending purchase, knowing it belongs to the purchaser", async ({
  page,
  simulator,
}) => {
  const p = await simulator.purchase({ offerId: "contoso-teamwork", planId: "team", quantity: 2, purchaser: buyers.alex });
  await page.goto(p.landingUrl);
  await signInAs(page, buyers.kim.email);
  await expect(page.getByRole("heading", { name: "This subscription belongs to the purchaser's organisation" })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("the subscription will belong to the purchaser's organisation");
  await page.getByLabel("Team name").fill("Ops");
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Your subscription is active" })).toBeVisible();
});

test("one click on Open mints one hand-off token and loads the product once", async ({ page, simulator }) => {
  const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "starter", purchaser: buyers.alex, autoActivate: true });
  await page.goto(p.landingUrl);
  await signInAs(page, buyers.alex.email);
  await expect(page.getByRole("heading", { name: "Your subscription is active" })).toBeVisible();
  await page.waitForLoadState("networkidle");

  const fromLanding = countHandoffRequests(page);
  await page.getByRole("button", { name: "Open Contoso Analytics" }).click();
  await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(fromLanding).toEqual({ handoff: 1, product: 1 });

  await page.goto("/account");
  await page.waitForLoadState("networkidle");
  const fromAccount = countHandoffRequests(page);
  await page.getByRole("row").filter({ hasText: p.subscriptionId }).getByRole("button", { name: /^Open/ }).click();
  await expect(page.getByText(p.subscriptionId)).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(fromAccount).toEqual({ handoff: 1, product: 1 });
});

test("Use another account signs out and comes back to the same page", async ({ page, simulator }) => {
  const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "starter", purchaser: buyers.alex, autoActivate: true });
  await page.goto(p.landingUrl);
  await signInAs(page, buyers.alex.email);
  await expect(page.getByText("Signed in as alex@contoso.example")).toBeVisible();
  await page.getByRole("button", { name: "Use another account" }).click();
  await expect(page.getByRole("heading", { name: "Thank you for purchasing Contoso Analytics" })).toBeVisible();
  expect(page.url()).toBe(p.landingUrl);
  await signInAs(page, buyers.sam.email);
  await expect(page.getByText("Signed in as sam@contoso.example")).toBeVisible();
  expect(page.url()).toBe(p.landingUrl);

  await page.goto("/account");
  await page.getByRole("button", { name: "Use another account" }).click();
  await expect(page.getByText("Sign in to see the subscriptions of your organisation.")).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/account");
  await signInAs(page, buyers.kim.email);
  await expect(page.getByText("Signed in as kim@fabrikam.example")).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/account");
});

test("the hand-off route mints tokens on POST only, and only for a signed-in buyer", async ({ request, simulator }) => {
  const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "starter", purchaser: buyers.alex, autoActivate: true });
  expect((await request.get(`/api/handoff?subscription=${p.subscriptionId}`, { maxRedirects: 0 })).status()).toBe(405);
  const anonymous = await request.post("/api/handoff", { form: { subscription: p.subscriptionId }, maxRedirects: 0 });
  expect(anonymous.status()).toBe(303);
  expect(new URL(anonymous.headers().location ?? "").pathname).toBe("/sign-in");
  expect((await request.post("/api/handoff", { form: { subscription: "not-a-guid" }, maxRedirects: 0 })).status()).toBe(400);
});

test("Open reaches a product on its own origin: the security policy lets the hand-off's redirect leave the portal", async ({
  browser,
  page,
  simulator,
}) => {
  const p = await simulator.purchase({
    offerId: "contoso-teamwork",
    planId: "team",
    quantity: 2,
    purchaser: buyers.alex,
    autoActivate: true,
  });
  await page.goto(p.landingUrl);
  await signInAs(page, buyers.alex.email);
  await expect(page.getByRole("heading", { name: "Your subscription is active" })).toBeVisible();

  const staff = await browser.newPage();
  const setHandoffUrl = async (value: string) => {
    await staff.goto("/admin/catalogue/contoso-teamwork");
    await staff.getByLabel("Hand-off URL").fill(value);
    await staff.getByRole("button", { name: "Save offer" }).click();
    await expect(staff.getByRole("status").filter({ hasText: "Offer saved." })).toBeVisible();
  };
  await staff.goto(`/sign-in?callbackUrl=${encodeURIComponent("/admin/catalogue/contoso-teamwork")}`);
  await signInAs(staff, "owner@isv.example");
  await setHandoffUrl("https://product.example/start");
  try {
    // The product is played by the browser's network layer; the CSP check happens before it.
    const product: string[] = [];
    await page.route("https://product.example/**", (route) => {
      product.push(route.request().url());
      return route.fulfill({ contentType: "text/html", body: "<h1>Teamwork product</h1>" });
    });
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto("/account");
    await page.getByRole("row").filter({ hasText: p.subscriptionId }).getByRole("button", { name: /^Open/ }).click();
    await expect(page.getByRole("heading", { name: "Teamwork product" })).toBeVisible();
    expect(product).toHaveLength(1);
    expect(new URL(product[0]!).searchParams.get("token")).toBeTruthy();
    expect(violations).toEqual([]);
  } finally {
    await setHandoffUrl("");
    await staff.close();
  }
});
