import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { buyers, expect, restoreSignIn, test } from "./fixtures";

// A phone in portrait: every admin page reflows to it; wide tables scroll inside their own box.
test.use({ viewport: { width: 390, height: 844 } });

const PAGES = [
  "/admin",
  "/admin/subscriptions",
  "/admin/subscriptions/{subscription}",
  "/admin/customers/{tenant}",
  "/admin/operations",
  "/admin/sync",
  "/admin/usage",
  "/admin/audit",
  "/admin/catalogue",
  "/admin/catalogue/contoso-analytics",
  "/admin/outbound",
  "/admin/notifications",
  "/admin/api-keys",
  "/admin/staff",
  "/admin/settings",
];

/** Wider than the viewport means the whole page scrolls sideways, which a phone user cannot read. */
const pageOverflow = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth <= window.innerWidth) return null;
    // Name the widest offenders, to say what to fix.
    const wide = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((el) => !el.closest("[data-scroll-box]") && getComputedStyle(el).position !== "fixed")
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 3).join(".")}`);
    return { scrollWidth: root.scrollWidth, innerWidth: window.innerWidth, wide };
  });

// Not yet green: one test over every page outlasts its timeout on a loaded machine, so what it
// finds is not known yet. To finish: one test per page, then fix what each reports.
test.fixme("every admin page reflows at 390 px: no sideways page scroll, and no duplicate landmarks", async ({ page, simulator }) => {
  test.setTimeout(240_000);
  const name = `mobile-${Date.now()}`;
  const bought = await simulator.purchase({
    offerId: "contoso-analytics",
    planId: "starter",
    purchaser: buyers.alex,
    autoActivate: true,
    name,
  });
  await restoreSignIn(page, "owner@isv.example");
  await expect(async () => {
    await page.goto(`/admin/subscriptions/${bought.subscriptionId}`);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  const problems: string[] = [];
  for (const template of PAGES) {
    const path = template.replace("{subscription}", bought.subscriptionId).replace("{tenant}", buyers.alex.tenantId);
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await pageOverflow(page);
    if (overflow) problems.push(`${template}: page is ${overflow.scrollWidth} px wide (${overflow.wide.join(", ")})`);
    const axe = await new AxeBuilder({ page }).withRules(["landmark-unique"]).analyze();
    for (const v of axe.violations) problems.push(`${template}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }
  expect(problems).toEqual([]);
});
