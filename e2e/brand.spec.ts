import { axe } from "./axe";
import type { Page } from "@playwright/test";
import { buyers, expect, restoreSignIn, test } from "./fixtures";

// An owner brands an offer in the dashboard; that offer's landing page then carries the product's
// name, logo, colour, links and title, and stays accessible.

const OFFER = "contoso-teamwork";
// A 120×40 PNG in the accent colour below.
const LOGO = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAHgAAAAoCAIAAAC6iKlyAAAAe0lEQVR42u3XyxGAIAxAwXRgo3ZA8VKDSphEl3lnPntgII5xakOBADRogQYNmgJo0AL9Aehr9bi7VhJB3ilAgwYNGjRo0KBLQz/YbpHZKqwFGjToP0C/vJFBgwYNGjRor47W0K1/oaBBgwYNGjRo0M2gBRo0aIEGLdAVmrx3KJscUFfRAAAAAElFTkSuQmCC",
  "base64",
);

const expectAccessible = async (page: Page) => {
  const results = await axe(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
};

/** Back to no brand of its own, so later specs on this worker's server see the offer as before. */
async function clearBrand(page: Page) {
  await restoreSignIn(page, "owner@isv.example");
  await page.goto(`/admin/catalogue/${OFFER}`);
  for (const label of ["Product name", "Accent colour", "Support e-mail", "Privacy statement", "Terms of use"])
    await page.getByLabel(label, { exact: true }).fill("");
  const remove = page.getByLabel("Remove the logo");
  if (await remove.count()) await remove.check();
  await page.getByRole("button", { name: "Save brand" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Brand saved\.|Nothing to change\./ })).toBeVisible();
}

test.afterEach(async ({ page }) => clearBrand(page));

test("an owner brands an offer, and its landing page shows the name, logo, colour, links and title", async ({ page, simulator }) => {
  test.setTimeout(120_000);
  // The portal learns of an offer when a purchase of it is first opened.
  const purchase = await simulator.purchase({ offerId: OFFER, planId: "team", quantity: 2, purchaser: buyers.alex });
  await page.goto(purchase.landingUrl);
  await expect(page.getByRole("banner")).toContainText("Contoso Teamwork");
  // The layout (brand), the title and the page share one resolve of the token.
  expect((await simulator.subscription(purchase.subscriptionId)).apiCalls.resolve).toBe(1);

  await restoreSignIn(page, "owner@isv.example");
  await page.goto(`/admin/catalogue/${OFFER}`);
  await page.getByLabel("Product name", { exact: true }).fill("Teamwork Pro");
  await page.getByLabel("Logo", { exact: true }).setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: LOGO });
  const accent = page.getByLabel("Accent colour", { exact: true });
  const swatch = page.getByTestId("brand-accent-swatch");
  await accent.fill("#ffe14d");
  // The swatch shows the colour as it is typed, before anything is saved.
  await expect(swatch).toHaveCSS("background-color", "rgb(255, 225, 77)");
  await page.getByLabel("Support e-mail", { exact: true }).fill("help@teamwork.example");
  await page.getByLabel("Privacy statement", { exact: true }).fill("https://teamwork.example/privacy");
  await page.getByLabel("Terms of use", { exact: true }).fill("https://teamwork.example/terms");
  await page.getByRole("button", { name: "Save brand" }).click();

  // Too light for the white page: refused, with everything typed still there.
  const tooLight = page.getByText(/^Too light: 1\.\d:1 against the white page/);
  await expect(tooLight).toBeVisible();
  await expect(accent).toHaveValue("#ffe14d");
  await expect(swatch).toHaveCSS("background-color", "rgb(255, 225, 77)");
  await expect(page.getByLabel("Product name", { exact: true })).toHaveValue("Teamwork Pro");
  await expect(page.getByLabel("Terms of use", { exact: true })).toHaveValue("https://teamwork.example/terms");
  await expect(page.getByLabel("Logo", { exact: true })).toHaveJSProperty("files.length", 1);

  // Half a colour, typed over the refused one, leaves the swatch as it was; refused, it stays as typed.
  await accent.selectText();
  await accent.pressSequentially("#0f7b6");
  await expect(tooLight).toHaveCount(0);
  await expect(swatch).toHaveCSS("background-color", "rgb(255, 225, 77)");
  await page.getByRole("button", { name: "Save brand" }).click();
  const notAColour = page.getByText("Enter a colour as #rrggbb");
  await expect(notAColour).toBeVisible();
  await expect(accent).toHaveValue("#0f7b6");
  await expect(swatch).toHaveCSS("background-color", "rgb(255, 225, 77)");
  await expect(page.getByLabel("Logo", { exact: true })).toHaveJSProperty("files.length", 1);

  await accent.press("End");
  await accent.pressSequentially("c");
  await expect(notAColour).toHaveCount(0);
  await expect(swatch).toHaveCSS("background-color", "rgb(15, 123, 108)");
  await page.getByRole("button", { name: "Save brand" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Brand saved." })).toBeVisible();
  const logoSrc = await page.getByRole("img", { name: "Current logo" }).getAttribute("src");
  expect(logoSrc).toMatch(/^\/brand\/logo\/[0-9a-f]{64}$/);

  // The logo is served from its content hash, typed by its bytes, cached for good.
  const logo = await page.request.get(logoSrc!);
  expect(logo.headers()["content-type"]).toBe("image/png");
  expect(logo.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(Buffer.from(await logo.body()).equals(LOGO)).toBe(true);

  // The buyer's landing page, before signing in, in the offer's brand.
  await page.context().clearCookies();
  await page.goto(purchase.landingUrl);
  await expect(page).toHaveTitle(/· Teamwork Pro$/);
  const header = page.getByRole("banner");
  await expect(header).toContainText("Teamwork Pro");
  const img = header.locator("img");
  await expect(img).toHaveAttribute("src", logoSrc!);
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(120);
  await expect(page.getByRole("button", { name: "Sign in with Microsoft" })).toHaveCSS("background-color", "rgb(15, 123, 108)");
  const footer = page.getByRole("navigation", { name: "About Teamwork Pro" });
  await expect(footer.getByRole("link", { name: "Support" })).toHaveAttribute("href", "mailto:help@teamwork.example");
  await expect(footer.getByRole("link", { name: "Privacy" })).toHaveAttribute("href", "https://teamwork.example/privacy");
  await expect(footer.getByRole("link", { name: "Terms of use" })).toHaveAttribute("href", "https://teamwork.example/terms");
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath("landing-branded.png"), fullPage: true });

  // Signed in, the purchase to confirm: still the offer's brand.
  await restoreSignIn(page, buyers.alex.email);
  await page.goto(purchase.landingUrl);
  await expect(page).toHaveTitle(/· Teamwork Pro$/);
  await expect(page.getByRole("banner")).toContainText("Teamwork Pro");
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath("landing-branded-signed-in.png"), fullPage: true });
});

test("a buyer's list names each subscription's own product and logo, in the portal's frame when the products differ", async ({
  page,
  simulator,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const [teamworkName, analyticsName] = [`brand-teamwork-${stamp}`, `brand-analytics-${stamp}`];
  const teamwork = await simulator.purchase({
    offerId: OFFER,
    planId: "team",
    quantity: 2,
    purchaser: buyers.alex,
    autoActivate: true,
    name: teamworkName,
  });
  await simulator.purchase({
    offerId: "contoso-analytics",
    planId: "starter",
    purchaser: buyers.alex,
    autoActivate: true,
    name: analyticsName,
  });
  const list = page.getByRole("table", { name: "Subscriptions of your organisation" });
  const row = (name: string) => list.getByRole("row").filter({ hasText: name });
  await restoreSignIn(page, buyers.alex.email);
  await expect(async () => {
    await page.goto("/account");
    await expect(row(teamworkName)).toBeVisible({ timeout: 1_000 });
    await expect(row(analyticsName)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  await restoreSignIn(page, "owner@isv.example");
  await page.goto(`/admin/catalogue/${OFFER}`);
  await page.getByLabel("Product name", { exact: true }).fill("Teamwork Pro");
  await page.getByLabel("Logo", { exact: true }).setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: LOGO });
  await page.getByRole("button", { name: "Save brand" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Brand saved." })).toBeVisible();
  const logoSrc = await page.getByRole("img", { name: "Current logo" }).getAttribute("src");

  await restoreSignIn(page, buyers.alex.email);
  await page.goto("/account");
  // Two products on one list: the frame is the portal's, each row its own product's.
  await expect(page.getByRole("banner")).toContainText("Marketplace SaaS Portal");
  await expect(page.getByRole("banner").locator("img")).toHaveCount(0);
  await expect(page).toHaveTitle(/· Marketplace SaaS Portal$/);
  await expect(row(teamworkName)).toContainText("Teamwork Pro");
  await expect(row(teamworkName).locator("img")).toHaveAttribute("src", logoSrc!);
  await expect(row(analyticsName)).toContainText("Contoso Analytics");
  await expect(row(analyticsName).locator("img")).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath("account-two-products.png"), fullPage: true });

  // A subscription's own page wears its product's brand, also when reached from the list in the browser.
  await row(teamworkName)
    .getByRole("link", { name: `Manage ${teamworkName}` })
    .click();
  await expect(page.getByRole("heading", { name: teamworkName, level: 1 })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Teamwork Pro");
  await expect(page.getByRole("banner").locator("img")).toHaveAttribute("src", logoSrc!);
  await expect(page).toHaveTitle(/· Teamwork Pro$/);
  expect(new URL(page.url()).pathname).toBe(`/account/${teamwork.subscriptionId}`);
  await page.getByRole("link", { name: "← My subscriptions" }).click();
  await expect(page.getByRole("heading", { name: "My subscriptions", level: 1 })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Marketplace SaaS Portal");

  // On a phone the list is cards: each still names its product.
  await page.setViewportSize({ width: 320, height: 640 });
  const card = page
    .getByRole("list", { name: "Subscriptions of your organisation" })
    .getByRole("listitem")
    .filter({ hasText: teamworkName });
  await expect(card).toContainText("Teamwork Pro");
  await expect(card.locator("img")).toHaveAttribute("src", logoSrc!);
});
