import { axe } from "./axe";
import { expect, signInAs, test } from "./fixtures";

test("an owner runs the config doctor from Settings and sees every check pass in simulator mode", async ({ page }) => {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/admin/settings")}`);
  await signInAs(page, "owner@isv.example");
  await expect(page).toHaveURL(/\/admin\/settings$/);
  await page.getByRole("button", { name: "Run the checks" }).click();
  const checks = page.getByRole("status", { name: "Doctor checks" }).getByRole("listitem");
  await expect(checks).toHaveCount(5);
  await expect(checks.nth(0)).toContainText("Pass: Environment");
  await expect(checks.nth(1)).toContainText("Pass: Database reachable and migrated");
  await expect(checks.nth(2)).toContainText("Pass: Marketplace API token");
  await expect(checks.nth(3)).toContainText("Pass: Landing and webhook URLs reachable");
  await expect(checks.nth(4)).toContainText("Pass: Sign-in metadata discoverable");
  const audit = await axe(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(audit.violations.map((v) => v.id)).toEqual([]);
});
