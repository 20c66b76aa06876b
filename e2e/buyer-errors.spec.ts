import { expect, test } from "@playwright/test";

// A buyer follows links from Microsoft's storefront and e-mails: a wrong or stale one must land on
// the portal's own page, in the buyer pages' look, never on Next.js's default one.
for (const path of ["/no-such-page", "/landing/no-such-step", "/account/no-such-subscription"]) {
  test(`an unknown buyer URL (${path}) shows the portal's not-found page`, async ({ page }) => {
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByText("Configure account")).toBeVisible();
    await expect(page.getByText("This page could not be found")).toHaveCount(0);
    await page.getByRole("link", { name: "Go to the portal's home page" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Marketplace SaaS Portal" })).toBeVisible();
  });
}
