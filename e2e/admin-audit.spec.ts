import { axe } from "./axe";
import type { Page } from "@playwright/test";
import { expect, restoreSignIn, test } from "./fixtures";

const staffSignIn = async (page: Page, email: string, path: string) => {
  await restoreSignIn(page, email);
  await page.goto(path);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?.]/g, "\\$&")}$`));
};

test("an owner's change appears in the log with before and after, filters by actor and action, and exports as CSV", async ({ page }) => {
  await staffSignIn(page, "owner@isv.example", "/admin/settings");
  const schedule = page.getByLabel("Scheduled sync");
  const next = (await schedule.inputValue()) === "60" ? "180" : "60";
  await schedule.selectOption(next);
  await page.locator("form").filter({ has: schedule }).getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /Scheduled sync:/ })).toBeVisible();

  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await page.getByLabel("Who").fill("owner@isv");
  await page.getByLabel("What").fill("settings.sync_interval_changed");
  await expect(page).toHaveURL(/actor=owner%40isv.*action=settings.sync_interval_changed/);
  const newest = page.getByRole("row").nth(1);
  await expect(newest).toContainText("owner@isv.example");
  await expect(newest).toContainText(`intervalMinutes: `);
  await expect(newest).toContainText(`→ ${next}`);
  // Append-only: nothing in the log can be edited or deleted.
  await expect(page.getByRole("button", { name: /Edit|Delete|Remove/ })).toHaveCount(0);
  const audit = await axe(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(audit.violations.map((v) => v.id)).toEqual([]);

  const exportLink = page.getByRole("link", { name: "Export CSV" });
  const href = await exportLink.getAttribute("href");
  expect(href).toContain("action=settings.sync_interval_changed");
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const lines = (await csv.text())
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean);
  expect(lines[0]).toBe(
    "id,occurred_at,actor_type,actor_id,actor_email,action,target_type,target_id,changes,metadata,request_id,correlation_id",
  );
  expect(lines.slice(1).every((l) => l.includes("settings.sync_interval_changed"))).toBe(true);
  expect(lines[1]).toContain(`""to"":${next}`);

  // Taking the export is itself recorded.
  await page.goto("/admin/audit?action=audit.exported");
  await expect(page.getByRole("row").nth(1)).toContainText("owner@isv.example");
});

test("the export refuses callers who are not signed in", async ({ request }) => {
  expect((await request.get("/admin/audit/export", { maxRedirects: 0 })).status()).toBe(401);
});
