import { axe } from "./axe";
import type { Browser, Page } from "@playwright/test";
import { buyers, expect, restoreSignIn, signInAs, test, type Simulator } from "./fixtures";

const staffSignIn = async (page: Page, email: string, path: string) => {
  await restoreSignIn(page, email);
  await page.goto(path);
};

/** Opens the detail page once the portal has stored the subscription (it learns of it from the Subscribe webhook). */
async function openDetail(page: Page, id: string, name: string) {
  await expect(async () => {
    await page.goto(`/admin/subscriptions/${id}`);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

/**
 * A Professional plan subscription (metered: api-calls with 100 included a month, and storage-gb),
 * bought in the simulator and confirmed by the buyer on the landing page, which also brings the
 * plan's dimensions into the portal's catalogue.
 */
async function buyMetered(browser: Browser, simulator: Simulator, name: string) {
  const body = { offerId: "contoso-analytics", planId: "professional", purchaser: buyers.alex, name };
  const p = await simulator.purchase(body);
  const buyer = await browser.newPage();
  await buyer.goto(p.landingUrl);
  await signInAs(buyer, buyers.alex.email);
  await buyer.getByLabel("Company name").fill("Contoso Ltd");
  await buyer.getByLabel("Technical contact e-mail").fill("it@contoso.example");
  await buyer.getByLabel("Expected number of users").fill("40");
  await buyer.getByLabel("Data region").selectOption("Europe");
  await buyer.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(buyer.getByRole("heading", { name: "Your subscription is active" })).toBeVisible();
  await buyer.close();
  return p;
}

const hourAgo = (hours: number) => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - hours * 3_600_000).toISOString();

test("an operator sees a metered subscription's usage, posts an event after confirming it and imports a CSV", async ({
  browser,
  page,
  simulator,
}) => {
  // Posts, confirms and imports, then runs axe over the usage page: past 60 s with the rest of npm test alongside.
  test.setTimeout(120_000);
  const name = `usage${Date.now()}`;
  const p = await buyMetered(browser, simulator, name);
  await staffSignIn(page, "operator@isv.example", "/admin");
  await openDetail(page, p.subscriptionId, name);

  const usage = page.getByRole("region", { name: "Usage", exact: true });
  await expect(usage.getByRole("img", { name: /over the last 48 hours/ }).first()).toBeVisible();
  await expect(usage).toContainText("No usage recorded yet.");

  // A refused review keeps what was typed, with the reason beside the field.
  const post = usage.getByRole("form", { name: "Post usage" });
  await post.getByLabel("Dimension").selectOption("api-calls");
  await post.getByLabel("Quantity").fill("0");
  await post.getByRole("button", { name: "Review usage" }).click();
  await expect(post.getByText("Enter a quantity above 0")).toBeVisible();
  await expect(post.getByLabel("Quantity")).toHaveValue("0");
  await expect(post.getByLabel("Dimension")).toHaveValue("api-calls");

  await post.getByLabel("Quantity").fill("7");
  await expect(post.getByText("Enter a quantity above 0")).toHaveCount(0);
  await post.getByRole("button", { name: "Review usage" }).click();
  const confirm = usage.getByRole("form", { name: "Send this usage to Microsoft?" });
  await expect(confirm).toContainText("api-calls");
  await expect(confirm).toContainText("7");
  const hourly = usage.getByRole("table", { name: "Usage per hour and dimension" });
  await expect(hourly).toHaveCount(0); // nothing is sent before it is confirmed
  await page.screenshot({ path: "/tmp/usage-ui-confirm.png", fullPage: true });
  await confirm.getByRole("button", { name: "Post usage" }).click();
  await expect(usage.getByRole("status").filter({ hasText: "Posted 7" })).toBeVisible();
  await expect(hourly.getByRole("row").filter({ hasText: "api-calls" })).toContainText("7");

  const csv = [
    "dimension,quantity,timestamp,id",
    `api-calls,3,${hourAgo(1)},row-1`,
    `no-such-dimension,2,${hourAgo(1)},row-2`,
    `api-calls,many,${hourAgo(1)},row-3`,
    `storage-gb,1.5,${hourAgo(2)},row-4`,
  ].join("\n");
  const importForm = usage.getByRole("form", { name: "Import usage from CSV" });
  await importForm.getByLabel("CSV file").setInputFiles({ name: "usage.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(importForm.getByLabel("Rows (from the file, or pasted)")).toHaveValue(csv);
  await importForm.getByRole("button", { name: "Import usage" }).click();
  await expect(importForm.getByRole("status")).toHaveText("2 of 4 rows imported, 2 refused.");
  const refused = usage.getByRole("table", { name: /Refused rows/ });
  await expect(refused.getByRole("row")).toHaveCount(3);
  await expect(refused.getByRole("row").nth(1)).toContainText("not on the subscription's plan");
  await expect(refused.getByRole("row").nth(2)).toContainText("quantity");
  // The file's text stays to correct and send again.
  await expect(importForm.getByLabel("Rows (from the file, or pasted)")).toHaveValue(csv);
  await expect(hourly.getByRole("row").filter({ hasText: "storage-gb" })).toContainText("1.5");

  const schedule = usage.getByRole("form", { name: "Schedule a fixed quantity" });
  await schedule.getByLabel("Dimension").selectOption("storage-gb");
  await schedule.getByLabel("Quantity per run").fill("2");
  await schedule.getByLabel("How often").selectOption("daily");
  // An end before the start is refused, and everything chosen stays for the correction.
  await schedule.getByLabel("Ends (UTC, optional)").fill("2020-01-01T00:00");
  await schedule.getByRole("button", { name: "Add schedule" }).click();
  const endError = schedule.getByText("End after the start");
  await expect(endError).toBeVisible();
  await expect(schedule.getByLabel("Dimension")).toHaveValue("storage-gb");
  await expect(schedule.getByLabel("Quantity per run")).toHaveValue("2");
  await expect(schedule.getByLabel("How often")).toHaveValue("daily");
  await expect(schedule.getByLabel("Ends (UTC, optional)")).toHaveValue("2020-01-01T00:00");
  await schedule.getByLabel("Ends (UTC, optional)").fill("");
  await expect(endError).toHaveCount(0);
  await schedule.getByRole("button", { name: "Add schedule" }).click();
  await expect(schedule.getByRole("status")).toHaveText(/Scheduled 2 of Storage/);
  const schedules = usage.getByRole("table", { name: "Scheduled quantities" });
  await expect(schedules.getByRole("row").filter({ hasText: "storage-gb" })).toContainText("Every day");
  await page.screenshot({ path: "/tmp/usage-ui-subscription.png", fullPage: true });
  expect((await axe(page).include("section[aria-labelledby='usage-title']").withTags(["wcag2a", "wcag2aa"]).analyze()).violations).toEqual(
    [],
  );
  await schedules.getByRole("button", { name: /End the every day schedule of 2 storage-gb/ }).click();
  await expect(schedules.getByRole("row").filter({ hasText: "storage-gb" })).toContainText("Ended");

  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Usage" }).click();
  await expect(page.getByRole("heading", { name: "Usage", level: 1 })).toBeVisible();
  const daily = page.getByRole("table", { name: "Usage per UTC day and dimension" });
  await expect(daily.getByRole("row").filter({ hasText: "api-calls" }).first()).toBeVisible();
  await page.screenshot({ path: "/tmp/usage-ui-dashboard.png", fullPage: true });
  expect((await axe(page).withTags(["wcag2a", "wcag2aa"]).analyze()).violations).toEqual([]);
});

test("a viewer sees usage but no posting or import", async ({ browser, page, simulator }) => {
  const name = `usageview${Date.now()}`;
  const p = await buyMetered(browser, simulator, name);
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
