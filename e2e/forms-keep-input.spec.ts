import type { Page } from "@playwright/test";
import { buyers, expect, restoreSignIn, test } from "./fixtures";

// Every form: a refused submit keeps exactly what was typed and chosen, a field's error goes once
// the field is edited, and the corrected submit goes through with those choices.

const staffSignIn = async (page: Page, email: string, path: string) => {
  await restoreSignIn(page, email);
  await page.goto(path);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?.]/g, "\\$&")}$`));
};

test("the storefront's Buy form keeps the offer, plan and seats after a refusal and buys exactly those", async ({ page, simulator }) => {
  await page.goto("/simulator");
  const card = (name: RegExp) => page.locator("label").filter({ has: page.getByRole("radio", { name }) });
  await card(/Contoso Teamwork/).click();
  await card(/^Business/).click();
  await page.getByLabel("Users", { exact: true }).fill("12");
  await page.locator("#purchaser-choice").selectOption({ label: "Someone else…" });
  const email = page.locator("#purchaserEmail");
  await email.fill("not an e-mail");
  await page.getByLabel("Entra tenant ID").first().fill(buyers.alex.tenantId);
  await page.getByRole("button", { name: "Buy and configure account" }).click();
  await expect(page.getByText("Enter the buyer's e-mail address.")).toBeVisible();

  await expect(page.getByRole("radio", { name: /Contoso Teamwork/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: /^Business/ })).toBeChecked();
  await expect(page.getByLabel("Users", { exact: true })).toHaveValue("12");
  await expect(email).toHaveValue("not an e-mail");

  await expect(page.getByLabel("Entra tenant ID").first()).toHaveValue(buyers.alex.tenantId);
  await email.fill(buyers.alex.email);
  await expect(page.getByText("Enter the buyer's e-mail address.")).toHaveCount(0);
  await page.getByRole("button", { name: "Buy and configure account" }).click();
  await expect(page).toHaveURL(/\/landing\?token=/);
  await expect(page.getByRole("heading", { name: "Thank you for purchasing Contoso Teamwork" })).toBeVisible();
  void simulator;
});

test("the staff form keeps the e-mail and role after a refusal", async ({ page }) => {
  const email = `kept-${Date.now()}@isv.example`;
  await staffSignIn(page, "owner@isv.example", "/admin/staff");
  await page.getByLabel("E-mail").fill("not an e-mail");
  await page.getByLabel("Role", { exact: true }).selectOption("operator");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("Enter an e-mail address")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveValue("not an e-mail");
  await expect(page.getByLabel("Role", { exact: true })).toHaveValue("operator");

  await page.getByLabel("E-mail").fill(email);
  await expect(page.getByText("Enter an e-mail address")).toHaveCount(0);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `${email} added as operator.` })).toBeVisible();
  // An add form starts empty again once it succeeded.
  await expect(page.getByLabel("E-mail")).toHaveValue("");
  await page.getByRole("button", { name: `Remove ${email}` }).click();
});

test("the outbound endpoint form keeps its URL, description and events after a refusal", async ({ page }) => {
  const url = `http://127.0.0.1:9/kept/${Date.now()}`;
  await staffSignIn(page, "owner@isv.example", "/admin/outbound");
  await page.getByLabel("URL").fill("ftp://files.example/hooks");
  await page.getByLabel("Description").fill("Kept after a refusal");
  const first = page.getByRole("checkbox").first();
  await first.uncheck();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const urlError = page.getByText("Only http and https URLs can receive events.");
  await expect(urlError).toBeVisible();
  await expect(page.getByLabel("URL")).toHaveValue("ftp://files.example/hooks");
  await expect(page.getByLabel("Description")).toHaveValue("Kept after a refusal");
  await expect(first).not.toBeChecked();

  await page.getByLabel("URL").fill(url);
  await expect(urlError).toHaveCount(0);
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Endpoint added." })).toBeVisible();
  await expect(page.getByRole("link", { name: url })).toBeVisible();
});
