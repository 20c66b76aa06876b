import { buyers, expect, signInAs, test } from "./fixtures";

test("the home page leads to the storefront, and buying opens the landing page with a token", async ({ page, simulator }) => {
  await page.goto("/");
  await page.getByRole("link", { name: /Marketplace simulator/ }).click();
  await expect(page.getByRole("heading", { name: "Buy a SaaS plan" })).toBeVisible();

  // The radios are visually hidden inside their cards: choose by clicking the card, as a person does.
  const card = (name: RegExp) => page.locator("label").filter({ has: page.getByRole("radio", { name }) });
  await card(/Contoso Teamwork/).click();
  await card(/^Business/).click();
  await expect(page.getByRole("radio", { name: /^Business/ })).toBeChecked();
  await page.getByLabel("Users", { exact: true }).fill("12");
  await page.getByRole("button", { name: "Buy and configure account" }).click();

  await expect(page).toHaveURL(/\/landing\?token=/);
  await expect(page.getByRole("heading", { name: "Thank you for purchasing Contoso Teamwork" })).toBeVisible();
  await signInAs(page, buyers.alex.email);
  const summary = page.getByRole("region", { name: "Business" });
  await expect(summary).toContainText("Per user");
  await expect(summary).toContainText("12");
  await expect(summary).toContainText("Pending activation");
  void simulator;
});
