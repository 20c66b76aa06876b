import { expect, test } from "@playwright/test";

test("the home page says what the portal is and leads to its parts", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Marketplace SaaS Portal" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Simulator mode" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Landing page/ })).toHaveAttribute("href", "/landing");
  await expect(page.getByRole("link", { name: /Admin dashboard/ })).toHaveAttribute("href", "/admin");
  await expect(page.getByRole("link", { name: /Marketplace simulator/ })).toHaveAttribute("href", "/simulator");
});
