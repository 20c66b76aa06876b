import { axe } from "./axe";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { buyers, expect, restoreSignIn, test } from "./fixtures";

// The buyer pages in the buyer's language (Accept-Language, or the switcher's choice), without
// JavaScript, and on a phone-sized screen.

/** No serious or critical axe violation on the page as it stands. */
const expectAccessible = async (page: Page) => {
  const results = await axe(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
};

/** WCAG 1.4.10: the page reflows into the viewport, with nothing to scroll sideways. */
const expectNoSidewaysScroll = async (page: Page) => {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, `${page.url()} is ${scroll}px wide in a ${width}px viewport`).toBeLessThanOrEqual(width);
};

/** Reflows at 320 px, where the page was loaded, and at 390 px, then back to 320 px for the next page. */
const expectReflows = async (page: Page) => {
  await expectNoSidewaysScroll(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
  await page.setViewportSize({ width: 320, height: 640 });
};

type Messages = { [key: string]: string | Messages };
const messages = (locale: string): Messages => JSON.parse(readFileSync(new URL(`../messages/${locale}.json`, import.meta.url), "utf8"));
const texts = (tree: Messages): string[] => Object.values(tree).flatMap((v) => (typeof v === "string" ? [v] : texts(v)));

/**
 * Nothing of the portal's own English left on a page in another language: no line of it is an
 * English message (one without arguments) that the language words differently. Strings the
 * language keeps as they are (a "Plan" is a "Plan" in Swedish) do not count.
 */
const expectTranslated = async (page: Page, locale: string) => {
  if (locale === "en") return;
  const own = new Set(texts(messages(locale)));
  const english = new Set(texts(messages("en")).filter((m) => !m.includes("{") && !own.has(m)));
  const lines = (await page.locator("body").innerText()).split("\n").map((l) => l.trim());
  expect(
    lines.filter((l) => english.has(l)),
    `${page.url()} in ${locale}`,
  ).toEqual([]);
};

/** The simulator's account picker (Microsoft's stand-in, English like the rest of the simulator). */
const pickAccount = async (page: Page, email: string) => {
  await page.getByRole("button", { name: new RegExp(email.replace(".", "\\.")) }).click();
};

const fillAnswers = async (page: Page) => {
  await page.getByLabel("Company name").fill("Contoso AB");
  await page.getByLabel("Technical contact e-mail").fill("it@contoso.example");
  await page.getByLabel("Expected number of users").fill("1200");
  await page.getByLabel("Data region").selectOption("Europe");
};

test.describe("in Swedish (Accept-Language: sv-SE)", () => {
  test.use({ locale: "sv-SE" });

  test("buy, land, sign in, confirm: every step in Swedish, with Swedish formats, and accessible", async ({ page, simulator }) => {
    const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "professional", purchaser: buyers.alex });
    await page.goto(p.landingUrl);
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    await expect(page.getByRole("heading", { name: "Tack för att du köpte Contoso Analytics" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Logga in med Microsoft" }).click();
    await pickAccount(page, buyers.alex.email);

    await expect(page.getByRole("heading", { name: "Kom igång med Contoso Analytics" })).toBeVisible();
    const summary = page.getByRole("region", { name: "Professional" });
    await expect(summary).toContainText("Fast pris");
    await expect(summary).toContainText("Väntar på aktivering");
    await expect(summary).toContainText(/per månad|per år/);
    await expectAccessible(page);

    // The service's answers and the field errors are Swedish too; the questions are the publisher's.
    await fillAnswers(page);
    await page.getByLabel("Company name").fill("");
    await page.getByRole("button", { name: "Bekräfta", exact: true }).click();
    await expect(page.getByText("Company name måste fyllas i")).toBeVisible();
    await expect(page.getByText("Rätta de markerade fälten.")).toBeVisible();
    await expect(page.getByLabel("Expected number of users")).toHaveValue("1200");
    await expectAccessible(page);
    await page.getByLabel("Company name").fill("Contoso AB");
    await expect(page.getByText("Company name måste fyllas i")).toHaveCount(0);
    await page.getByRole("button", { name: "Bekräfta", exact: true }).click();

    await expect(page.getByRole("heading", { name: "Din prenumeration är aktiv" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Öppna Contoso Analytics" })).toBeVisible();
    expect((await simulator.subscription(p.subscriptionId)).apiCalls.activate).toBe(1);
    await expectAccessible(page);

    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "Mina prenumerationer", level: 1 })).toBeVisible();
    await expect(page.getByRole("table", { name: "Din organisations prenumerationer" })).toContainText("Aktiv");
    await expectAccessible(page);
  });
});

test.describe("in Japanese, without JavaScript, on a 320 px screen", () => {
  test.use({ locale: "ja-JP", javaScriptEnabled: false, viewport: { width: 320, height: 640 } });

  // axe runs in the page, so it needs JavaScript: the same pages are checked with it in the per-language tests below.
  test("buy, land, sign in, fix a refused answer, confirm, open: plain form posts all the way", async ({ page, simulator }) => {
    const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "professional", purchaser: buyers.alex });
    await page.goto(p.landingUrl);
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expect(page.getByRole("heading", { name: "Contoso Analytics をご購入いただきありがとうございます" })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.getByRole("button", { name: "Microsoft でサインイン" }).click();
    await pickAccount(page, buyers.alex.email);

    await expect(page.getByRole("heading", { name: "Contoso Analytics のセットアップ" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Professional" })).toContainText("有効化待ち");
    await expectNoSidewaysScroll(page);

    await fillAnswers(page);
    await page.getByLabel("Technical contact e-mail").fill("not-an-address");
    await page.getByRole("button", { name: "確定", exact: true }).click();
    await expect(page.getByText("Technical contact e-mailにはメール アドレスを入力してください")).toBeVisible();
    // Without JavaScript the server's answer is a new page: the answers come back with it.
    await expect(page.getByLabel("Company name")).toHaveValue("Contoso AB");
    await expect(page.getByLabel("Data region")).toHaveValue("Europe");
    await expectNoSidewaysScroll(page);
    await page.getByLabel("Technical contact e-mail").fill("it@contoso.example");
    await page.getByRole("button", { name: "確定", exact: true }).click();

    await expect(page.getByRole("heading", { name: "サブスクリプションは有効です" })).toBeVisible();
    expect((await simulator.subscription(p.subscriptionId)).apiCalls.activate).toBe(1);
    await expectNoSidewaysScroll(page);
    await page.getByRole("button", { name: "Contoso Analytics を開く" }).click();
    await expect(page.getByRole("heading", { name: /^ようこそ/ })).toBeVisible();
    await expectNoSidewaysScroll(page);
  });

  test("the language switcher works as a plain form and is remembered", async ({ page }) => {
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "マイ サブスクリプション", level: 1 })).toBeVisible();
    await page.getByLabel("言語").selectOption("de");
    await page.getByRole("button", { name: "変更" }).click();
    await expect(page.getByRole("heading", { name: "Meine Abonnements", level: 1 })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/account");
    await page.goto("/landing");
    await expect(page.getByRole("heading", { name: "Für diese Seite brauchen Sie einen Kauflink" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    // Staff pages stay English whatever the buyer chose.
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

test.describe("help for the lost", () => {
  test.use({ locale: "fr-FR" });

  test("an expired link says what happened, what to do and where to get help, in the buyer's language", async ({ page, simulator }) => {
    await simulator.config({ purchaseTokenLifetimeSeconds: 1 });
    const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "starter", purchaser: buyers.alex });
    await page.waitForTimeout(1500);
    await page.goto(p.landingUrl);
    await expect(page.getByRole("heading", { name: "Nous n'avons pas pu retrouver votre achat" })).toBeVisible();
    await expect(page.getByText("Configurer le compte")).toBeVisible();
    await expect(page.getByText("Besoin d'aide ?")).toBeVisible();
  });

  test("a marketplace outage, in the buyer's language, with support", async ({ page, simulator }) => {
    const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "starter", purchaser: buyers.alex });
    await simulator.faults([{ endpoint: "resolve", effect: { type: "status", status: 500 } }]);
    await page.goto(p.landingUrl);
    await expect(page.getByRole("heading", { name: "La place de marché ne répond pas pour le moment" })).toBeVisible();
    await expect(page.getByText("Besoin d'aide ?")).toBeVisible();
    await simulator.faults([]);
  });

  test("a buyer from another organisation is offered to use another account", async ({ page, simulator }) => {
    const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "starter", purchaser: buyers.alex });
    await restoreSignIn(page, buyers.kim.email);
    await page.goto(p.landingUrl);
    const notice = page.getByRole("note", { name: "Cet abonnement appartient à l'organisation de l'acheteur" });
    await expect(notice).toContainText(buyers.alex.email);
    await notice.getByRole("button", { name: "Utiliser un autre compte" }).click();
    await expect(page.getByRole("heading", { name: "Merci d'avoir acheté Contoso Analytics" })).toBeVisible();
    expect(page.url()).toBe(p.landingUrl);
  });
});

/** The buyer pages a visitor reaches without signing in, each in a state worth seeing. */
const SIGNED_OUT_PAGES = [
  "/landing",
  "/landing?token=forged-token",
  "/account",
  "/welcome",
  "/sign-in?error=AccessDenied",
  "/no-such-page",
];

for (const locale of ["en", "sv", "de", "fr", "es", "ja", "pt-BR"]) {
  test.describe(`${locale}: every buyer page`, () => {
    test.use({ locale });

    // Each page is loaded once, at 320 px, and turned to 390 px (a phone rotated, or a wider one)
    // for the second width: loading it again would only repeat the 320 px checks.
    test.use({ viewport: { width: 320, height: 640 } });

    test(`has no serious or critical axe violation and reflows at 320 and 390 px`, async ({ page, simulator }) => {
      test.setTimeout(300_000); // about 15 page loads and 12 axe runs on a shared machine
      const pending = await simulator.purchase({ offerId: "contoso-teamwork", planId: "team", quantity: 12, purchaser: buyers.alex });
      const active = await simulator.purchase({
        offerId: "contoso-analytics",
        planId: "starter",
        purchaser: buyers.alex,
        autoActivate: true,
      });
      // Per-seat and active: its own page offers seats, plans with prices, cancellation and activity.
      const name = `${locale}-seats-${Date.now()}`;
      const manageable = await simulator.purchase({
        offerId: "contoso-teamwork",
        planId: "business",
        quantity: 1200,
        purchaser: buyers.alex,
        autoActivate: true,
        name,
      });
      const paths = [...SIGNED_OUT_PAGES, pending.landingUrl, `/account/${manageable.subscriptionId}`];
      const signedIn = [pending.landingUrl, active.landingUrl, "/account", `/account/${manageable.subscriptionId}`];
      for (const path of paths) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expectTranslated(page, locale);
        await expectAccessible(page);
        await expectReflows(page);
      }
      await restoreSignIn(page, buyers.alex.email);
      // The subscription's own page, once the portal has stored it, with its numbers and prices in the language's formats.
      const m = messages(locale) as { SelfService: Record<string, string> };
      await expect(async () => {
        await page.goto(`/account/${manageable.subscriptionId}`);
        await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible({ timeout: 1_000 });
        await expect(page.getByRole("region", { name: m.SelfService.seatsTitle! })).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 30_000 });
      const number = new Intl.NumberFormat(locale);
      await expect(page.locator("main")).toContainText(number.format(1200));
      await expect(page.getByRole("region", { name: m.SelfService.seatsTitle! })).toContainText(number.format(5000));
      const teamPrice = new Intl.NumberFormat(locale, { style: "currency", currency: "USD" }).format(8);
      await expect(page.getByLabel(m.SelfService.planLabel!)).toContainText(teamPrice);
      for (const path of signedIn) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectTranslated(page, locale);
        await expectAccessible(page);
        await expectReflows(page);
      }
    });
  });
}
