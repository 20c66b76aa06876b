import { axe } from "./axe";
import type { Page } from "@playwright/test";
import { buyers, expect, restoreSignIn, signInAs, test } from "./fixtures";

const staffSignIn = async (page: Page, email: string, path = "/admin") => {
  await restoreSignIn(page, email);
  await page.goto(path);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?.]/g, "\\$&")}$`));
};

const expectNoA11yViolations = async (page: Page) => {
  const results = await axe(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
};

test("a signed-out visitor is sent to sign-in and comes back to the exact page", async ({ page }) => {
  await page.goto("/admin/subscriptions?status=Subscribed");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  expect(decodeURIComponent(new URL(page.url()).searchParams.get("callbackUrl") ?? "")).toBe("/admin/subscriptions?status=Subscribed");
  await signInAs(page, "viewer@isv.example");
  await expect(page).toHaveURL(/\/admin\/subscriptions\?status=Subscribed$/);
  await expect(page.getByRole("heading", { name: "Subscriptions", level: 1 })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Active", exact: true })).toBeChecked();
});

test("the export refuses callers who are not signed in", async ({ request }) => {
  const res = await request.get("/admin/subscriptions/export", { maxRedirects: 0 });
  expect(res.status()).toBe(401);
});

test("a viewer reads everything but changes nothing and cannot manage staff", async ({ page, simulator }) => {
  const body = { offerId: "contoso-analytics", planId: "starter", purchaser: buyers.kim, autoActivate: true, name: `viewer-${Date.now()}` };
  const p = await simulator.purchase(body);
  await staffSignIn(page, "viewer@isv.example");
  const nav = page.getByRole("navigation", { name: "Admin" });
  await expect(nav.getByRole("link", { name: "Subscriptions" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Staff" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expectNoA11yViolations(page);

  await expect(async () => {
    await page.goto(`/admin/subscriptions/${p.subscriptionId}`);
    await expect(page.getByRole("region", { name: "Actions" })).toContainText("Your role (viewer) can look but not change subscriptions.");
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole("button", { name: "Request plan change" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Cancel subscription…" })).toHaveCount(0);

  await page.goto("/admin/staff");
  await expect(page).toHaveURL(/\/admin\/denied\?need=owner$/);
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
  await expect(page.getByText("You are signed in as viewer@isv.example")).toBeVisible();
  await expect(page.getByText("This page needs the Owner role")).toBeVisible();
});

test("a buyer from another tenant is refused, and told who is signed in", async ({ page }) => {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/admin")}`);
  await signInAs(page, buyers.alex.email);
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
  await expect(page.getByText(`You are signed in as ${buyers.alex.email}`)).toBeVisible();
  await expect(page.getByText(/belongs to another organisation/)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Admin" })).toHaveCount(0);
});

test("an owner adds a staff member, changes the role and removes them", async ({ page }) => {
  const email = `new-${Date.now()}@isv.example`;
  await staffSignIn(page, "owner@isv.example", "/admin/staff");
  await expect(page.getByRole("heading", { name: "Staff", level: 1 })).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByLabel("E-mail").fill("not an e-mail");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("Enter an e-mail address")).toBeVisible();

  await page.getByLabel("E-mail").fill(email.toUpperCase());
  await page.getByLabel("Role", { exact: true }).selectOption("operator");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `${email} added as operator.` })).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(email.replace(/[.]/g, "\\.")) });
  await expect(row.getByRole("combobox", { name: `Role of ${email}` })).toHaveValue("operator");

  await row.getByRole("combobox", { name: `Role of ${email}` }).selectOption("viewer");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`${email} is now viewer.`)).toBeVisible();

  await page.getByRole("button", { name: `Remove ${email}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(email.replace(/[.]/g, "\\.")) })).toHaveCount(0);
});

test("the last owner cannot remove or demote themselves: the controls say why before any click", async ({ page }) => {
  await staffSignIn(page, "owner@isv.example", "/admin/staff");
  const row = page.getByRole("row", { name: /owner@isv\.example/ });
  const remove = row.getByRole("button", { name: "Remove owner@isv.example" });
  await expect(remove).toBeDisabled();
  await expect(remove).toHaveAccessibleDescription(/must keep at least one owner/);
  await expect(row.getByRole("combobox", { name: "Role of owner@isv.example" })).toBeDisabled();
  await expect(row.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(row.getByText("The staff list must keep at least one owner: make someone else an owner first.")).toBeVisible();
  await expectNoA11yViolations(page);
});
