import { mkdir } from "node:fs/promises";
import path from "node:path";
import { buyers, expect, restoreSignIn, test } from "./fixtures";

// `npm run screenshots`: the overview, the list and a detail page at desktop and phone widths,
// into docs/screenshots/ (shown in the README). A few purchases first, so the pages have content.
const OUT = path.resolve(import.meta.dirname, "../docs/screenshots");
const WIDTHS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

test("screenshots of the overview, the list and a detail page", async ({ page, simulator }) => {
  test.setTimeout(180_000);
  await mkdir(OUT, { recursive: true });
  const bought = [];
  for (const [i, planId] of ["starter", "starter", "enterprise"].entries())
    bought.push(
      await simulator.purchase({
        offerId: "contoso-analytics",
        planId,
        purchaser: i === 1 ? buyers.kim : buyers.alex,
        autoActivate: planId === "starter",
        name: `Contoso Analytics ${["Sales", "Finance", "Operations"][i]}`,
      }),
    );
  const detail = bought[0]!;
  await restoreSignIn(page, "owner@isv.example");
  await expect(async () => {
    await page.goto(`/admin/subscriptions/${detail.subscriptionId}`);
    await expect(page.getByRole("heading", { name: "Contoso Analytics Sales", level: 1 })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  const pages = [
    { file: "overview", url: "/admin" },
    { file: "list", url: "/admin/subscriptions" },
    { file: "detail", url: `/admin/subscriptions/${detail.subscriptionId}` },
  ];
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const p of pages) {
      await page.goto(p.url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle").catch(() => undefined);
      await page.screenshot({ path: path.join(OUT, `${p.file}-${size.width}.png`), fullPage: true });
    }
  }
});
