import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { buyers, expect, signInAs, test, type Simulator } from "./fixtures";

const staffSignIn = async (page: Page, email: string, path: string) => {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  await signInAs(page, email);
};

/** Opens the detail page once the portal has stored the subscription (it learns of it from the Subscribe webhook). */
async function openDetail(page: Page, id: string, name: string) {
  await expect(async () => {
    await page.goto(`/admin/subscriptions/${id}`);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

/** A Professional plan subscription (metered: api-calls with 100 included a month, storage-gb), active at Microsoft. */
function buyMetered(simulator: Simulator, name: string) {
  const body = { offerId: "contoso-analytics", planId: "professional", purchaser: buyers.alex, autoActivate: true, name };
  return simulator.purchase(body);
}

const hourAgo = (hours: number) => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - hours * 3_600_000).toISOString();

test("an operator sees a metered subscription's usage, posts an event after confirming it and imports a CSV", async ({ page, simulator }) => {
  const name = `usage${Date.now()}`;
  const p = await buyMetered(simulator, name);
  await staffSignIn(page, "operator@isv.example", "/admin");
  await openDetail(page, p.subscriptionId, name);

  const usage = page.getByRole("region", { name: "Usage", exact: true });
  await expect(usage.getByRole("img", { name: /over the last 48 hours/ }).first()).toBeVisible();
  await expect(usage).toContainText("No usage recorded yet.");

  // A refused review keeps what was typed, with the reason beside the field.
  await usage.getByLabel("Dimension").selectOption("api-calls");
  await usage.getByLabel("Quantity").fill("0");
  await usage.getByRole("button", { name: "Review usage" }).click();
  await expect(usage.getByText("Enter a quantity above 0")).toBeVisible();
  await expect(usage.getByLabel("Quantity")).toHaveValue("0");
  await expect(usage.getByLabel("Dimension")).toHaveValue("api-calls");

  await usage.getByLabel("Quantity").fill("7");
  await usage.getByRole("button", { name: "Review usage" }).click();
  const confirm = usage.getByRole("form", { name: "Send this usage to Microsoft?" });
  await expect(confirm).toContainText("api-calls");
  await expect(confirm).toContainText("7");
  await expect(usage.getByRole("cell", { name: "api-calls" })).toHaveCount(0); // nothing sent before confirming
  await page.screenshot({ path: "/tmp/usage-ui-confirm.png", fullPage: true });
  await confirm.getByRole("button", { name: "Post usage" }).click();
  await expect(usage.getByRole("status")).toContainText("Posted 7");

  const hourly = usage.getByRole("table", { name: "Usage per hour and dimension" });
  await expect(hourly.getByRole("row").filter({ hasText: "api-calls" })).toContainText("7");

  const csv = [
    "dimension,quantity,timestamp,id",
    `api-calls,3,${hourAgo(1)},row-1`,
    `no-such-dimension,2,${hourAgo(1)},row-2`,
    `api-calls,many,${hourAgo(1)},row-3`,
    `storage-gb,1.5,${hourAgo(2)},row-4`,
  ].join("\n");
  await usage.getByLabel("CSV file").setInputFiles({ name: "usage.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(usage.getByLabel("Rows (from the file, or pasted)")).toHaveValue(csv);
  await usage.getByRole("button", { name: "Import usage" }).click();
  await expect(usage.getByRole("status").filter({ hasText: "rows imported" })).toHaveText("2 of 4 rows imported, 2 refused.");
  const refused = usage.getByRole("table", { name: /Refused rows/ });
  await expect(refused.getByRole("row")).toHaveCount(3);
  await expect(refused.getByRole("row").nth(1)).toContainText("not on the subscription's plan");
  await expect(refused.getByRole("row").nth(2)).toContainText("quantity");
  // The file's text stays to correct and send again.
  await expect(usage.getByLabel("Rows (from the file, or pasted)")).toHaveValue(csv);
  await expect(hourly.getByRole("row").filter({ hasText: "storage-gb" })).toContainText("1.5");
  await page.screenshot({ path: "/tmp/usage-ui-subscription.png", fullPage: true });
  expect((await new AxeBuilder({ page }).include("#usage-title").withTags(["wcag2a", "wcag2aa"]).analyze()).violations).toEqual([]);

  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Usage" }).click();
  await expect(page.getByRole("heading", { name: "Usage", level: 1 })).toBeVisible();
  const daily = page.getByRole("table", { name: "Usage per UTC day and dimension" });
  await expect(daily.getByRole("row").filter({ hasText: "api-calls" }).first()).toBeVisible();
  await page.screenshot({ path: "/tmp/usage-ui-dashboard.png", fullPage: true });
  expect((await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze()).violations).toEqual([]);
});

test("a viewer sees usage but no posting or import", async ({ page, simulator }) => {
  const name = `usageview${Date.now()}`;
  const p = await buyMetered(simulator, name);
  await staffSignIn(page, "viewer@isv.example", "/admin");
  await openDetail(page, p.subscriptionId, name);
  const usage = page.getByRole("region", { name: "Usage", exact: true });
  await expect(usage.getByRole("img").first()).toBeVisible();
  await expect(usage.getByRole("button", { name: "Review usage" })).toHaveCount(0);
  await expect(usage.getByRole("button", { name: "Import usage" })).toHaveCount(0);
  await page.goto("/admin/usage");
  await expect(page.getByRole("heading", { name: "Usage", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Import usage" })).toHaveCount(0);
});
