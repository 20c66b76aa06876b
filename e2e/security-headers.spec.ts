import type { ConsoleMessage, Page } from "@playwright/test";
import { buyers, expect, signInAs, test, type Simulator } from "./fixtures";

/**
 * Collects what the browser reports about the security headers on a page: CSP violations and
 * Permissions-Policy errors (Chromium logs each one to the console).
 */
const cspViolations = (page: Page) => {
  const seen: string[] = [];
  page.on("console", (msg: ConsoleMessage) => {
    if (/Content Security Policy|Permissions-Policy/i.test(msg.text())) seen.push(`${page.url()}: ${msg.text()}`);
  });
  return seen;
};

/** Buys through the simulator, lands, signs in with the account picker (a form post and redirects) and confirms. */
async function buySignInAndConfirm(page: Page, simulator: Simulator) {
  const p = await simulator.purchase({ offerId: "contoso-teamwork", planId: "team", quantity: 2, purchaser: buyers.alex });
  await page.goto(p.landingUrl);
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await expect(page.getByRole("heading", { name: "Pick an account" })).toBeVisible();
  await page.getByRole("button", { name: buyers.alex.email }).click();
  await page.getByLabel("Team name").fill("Platform");
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Your subscription is active" })).toBeVisible();
  return p;
}

test("the portal, the simulator and the account picker run under the CSP without violations", async ({ page, simulator }) => {
  const violations = cspViolations(page);

  await page.goto("/");
  await expect(page.locator("h1").first()).toBeVisible();
  await page.goto("/simulator");
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await page.goto("/simulator/subscriptions");
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();

  // Buy, land, sign in through the account picker (a form post and redirects), confirm, open /account.
  const p = await buySignInAndConfirm(page, simulator);
  await page.goto("/account");
  await expect(page.getByRole("table").getByText(p.subscriptionId)).toBeVisible();

  expect(violations).toEqual([]);
});

test("the admin pages, charts included, run under the CSP without violations", async ({ page }) => {
  const violations = cspViolations(page);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await signInAs(page, "owner@isv.example");
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  for (const path of ["/admin/subscriptions", "/admin/sync", "/admin/settings"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  }
  expect(violations).toEqual([]);
});

test.describe("before the page's scripts run", () => {
  test.use({ javaScriptEnabled: false });

  // The landing page's referrer policy must keep the Origin of its own form posts: with
  // "no-referrer" Chromium sends `Origin: null` and Next.js refuses the server actions.
  test("sign-in and confirm on the landing page work as plain form posts", async ({ page, simulator }) => {
    const violations = cspViolations(page);
    await buySignInAndConfirm(page, simulator);
    expect(violations).toEqual([]);
  });
});
