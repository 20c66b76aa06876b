import { axe } from "./axe";
import type { Page } from "@playwright/test";
import { expect, restoreSignIn, test } from "./fixtures";

const expectNoA11yViolations = async (page: Page) => {
  // After an action's answer Next.js streams the page's metadata in again: check the page once it has its title.
  await expect(page).toHaveTitle(/\S/);
  const results = await axe(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
};

test("an owner creates an API key, sees it once, uses it, then revokes it", async ({ page, request }) => {
  await restoreSignIn(page, "owner@isv.example");
  await page.goto("/admin/api-keys");
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "API keys" })).toBeVisible();
  await expectNoA11yViolations(page);

  const name = `Billing ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Choose at least one scope")).toBeVisible();

  // React resets a form after its action runs, as on the other admin forms.
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(/Read subscriptions and usage/).check();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("status").filter({ hasText: `API key "${name}" created.` })).toBeVisible();
  const key = ((await page.getByTestId("new-api-key").textContent()) ?? "").trim();
  expect(key).toMatch(/^mpk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("button", { name: "Copy" })).toBeVisible();
  await expectNoA11yViolations(page);

  const call = () => request.get("/api/v1/subscriptions?limit=1", { headers: { authorization: `Bearer ${key}` } });
  expect((await call()).status()).toBe(200);

  // Shown once: after a reload only its public prefix is on the page.
  await page.reload();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(key.slice(0, 16));
  await expect(row).toContainText("Active");
  expect(await page.content()).not.toContain(key.slice(17));

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke “${name}”?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Keep key" }).click();
  await expect(row).toContainText("Active");

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText(`API key "${name}" revoked.`)).toBeVisible();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

  const refused = await call();
  expect(refused.status()).toBe(401);
  expect(refused.headers()["www-authenticate"]).toContain("Bearer");
});

test("the API reference renders from the OpenAPI document under the portal's CSP", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text()) && errors.push(m.text()));
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "POST /api/v1/usage" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "UsageEvent" })).toBeVisible();
  await expectNoA11yViolations(page);
  const doc = await page.request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect((await doc.json()).openapi).toBe("3.1.0");
  expect(errors).toEqual([]);
});
