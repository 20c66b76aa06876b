import { axe } from "./axe";
import { startSmtpServer, type TestSmtpServer } from "@/lib/notifications/testing/smtp";
import { buyers, expect, restoreSignIn, signInAs, test } from "./fixtures";
import { workerSmtpPort } from "./servers";

// The portal's SMTP_URL points at this port (playwright.config.ts); the spec is the mail server.
let smtp: TestSmtpServer;

test.beforeAll(async () => {
  smtp = await startSmtpServer({ port: workerSmtpPort() });
});
test.afterAll(async () => smtp?.close());

test.describe.configure({ mode: "serial" });

test("an owner adds an e-mail channel, sends a test, and edits a subject with a live preview", async ({ page }) => {
  await restoreSignIn(page, "owner@isv.example");
  await page.goto("/admin/notifications");
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  // SMTP_URL is set, so its channel and the default rules exist from the first start.
  const channels = page.getByRole("region", { name: /^Channels/ });
  await expect(channels.getByRole("cell", { name: "E-mail (SMTP_URL)", exact: true })).toBeVisible();
  await expect(channels.getByRole("cell", { name: "SMTP_URL (configuration)" })).toBeVisible();
  // The page's tables share the admin tables' header row: every heading a column's, a column of buttons named for screen readers.
  const [channelsTable, rulesTable] = [
    page.getByRole("region", { name: "Channels table" }),
    page.getByRole("region", { name: "Rules table" }),
  ];
  await expect(channelsTable.getByRole("columnheader")).toHaveText(["Name", "Kind", "Sends through", "Actions"]);
  await expect(rulesTable.getByRole("columnheader")).toHaveText(["Channel", "Events", "Recipients", "Offer", "Digest", "Actions"]);
  for (const heading of [...(await channelsTable.getByRole("columnheader").all()), ...(await rulesTable.getByRole("columnheader").all())])
    await expect(heading).toHaveAttribute("scope", "col");
  await expect(
    page
      .getByRole("region", { name: /^Rules/ })
      .getByRole("cell", { name: "purchaser" })
      .first(),
  ).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill("Billing team");
  await page.getByLabel("SMTP URL").fill(`smtp://127.0.0.1:${workerSmtpPort()}`);
  await page.getByRole("button", { name: "Add channel" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Channel “Billing team” added." })).toBeVisible();

  await page.getByRole("button", { name: "Send test to Billing team" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Test message delivered \(250 / })).toBeVisible();
  const test = smtp.received.find(
    (m) => m.to.includes("owner@isv.example") && m.parsed.subject === "Test message from Marketplace SaaS Portal",
  );
  expect(test?.parsed.text).toContain("This channel works");

  await page.getByLabel("Event", { exact: true }).selectOption({ label: "Subscription activated" });
  await page.getByLabel("Preview as").selectOption("buyer");
  await expect(page.getByTestId("preview-subject")).toHaveText("Your Sample offer subscription is active");
  await page.getByLabel("Subject", { exact: true }).fill("Welcome aboard: {product} is ready");
  await expect(page.getByTestId("preview-subject")).toHaveText("Welcome aboard: Sample offer is ready");
  await expect(page.frameLocator("iframe[title='E-mail preview']").getByText("Welcome aboard: Sample offer is ready")).toBeVisible();
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Template saved" })).toBeVisible();

  const results = await axe(page).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  // The channel's URL is the credential: the page shows its host only.
  await expect(channels.getByRole("cell", { name: `smtp://127.0.0.1:${workerSmtpPort()}`, exact: true })).toBeVisible();
});

test("a purchase activated in the simulator e-mails the buyer a confirmation with a link to their account", async ({ page, simulator }) => {
  const p = await simulator.purchase({ offerId: "contoso-teamwork", planId: "team", quantity: 2, purchaser: buyers.kim });
  await page.goto(p.landingUrl);
  await signInAs(page, buyers.kim.email);
  await page.getByLabel("Team name").fill("Notifications");
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Your subscription is active" })).toBeVisible();

  await expect
    .poll(() => smtp.received.filter((m) => m.to.includes(buyers.kim.email)).map((m) => m.parsed.subject), { timeout: 30_000 })
    .toContain("Welcome aboard: Contoso Teamwork is ready");
  const mail = smtp.received.find((m) => m.to.includes(buyers.kim.email) && m.parsed.subject?.startsWith("Welcome aboard"))!;
  expect(mail.from).toBe("billing@isv.example");
  expect(mail.parsed.html).toContain("/account");
  expect(mail.parsed.text).toContain("/account");
});

test("after a Slack channel is added, the emptied form is an e-mail channel's again and adds one as shown", async ({ page }) => {
  const stamp = Date.now();
  const [slackName, mailName] = [`Slack ${stamp}`, `Mail ${stamp}`];
  await restoreSignIn(page, "owner@isv.example");
  await page.goto("/admin/notifications");
  const form = page.getByRole("region", { name: "Add a channel" });
  await form.getByLabel("Kind").selectOption("slack");
  await expect(form.getByLabel("Sender (blank: MAIL_FROM)")).toHaveCount(0);
  await form.getByLabel("Name").fill(slackName);
  await form.getByLabel("Webhook URL").fill("http://127.0.0.1:9/services/T000/B000/e2e");
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(form.getByRole("status")).toHaveText(`Channel “${slackName}” added. Add rules to choose what it receives.`);

  // The kind on screen and the fields shown are the same kind's: an e-mail channel's, empty.
  await expect(form.getByLabel("Kind")).toHaveValue("email");
  await expect(form.getByLabel("Sender (blank: MAIL_FROM)")).toBeVisible();
  await expect(form.getByLabel("SMTP URL")).toHaveValue("");
  await expect(form.getByText(/^smtp:\/\/user:password@/)).toBeVisible();
  await expect(form.getByLabel("Name")).toHaveValue("");

  await form.getByLabel("Name").fill(mailName);
  await form.getByLabel("SMTP URL").fill(`smtp://127.0.0.1:${workerSmtpPort()}`);
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(form.getByRole("status")).toHaveText(`Channel “${mailName}” added. Add rules to choose what it receives.`);
  const channels = page.getByRole("region", { name: /^Channels/ });
  await expect(channels.getByRole("row").filter({ hasText: slackName })).toContainText("Slack");
  await expect(channels.getByRole("row").filter({ hasText: mailName })).toContainText("E-mail");
  // Gone again: the other journeys count the channels' messages.
  for (const name of [slackName, mailName]) {
    await page.getByRole("button", { name: `Remove ${name}` }).click();
    await expect(page.getByRole("button", { name: `Remove ${name}` })).toHaveCount(0);
  }
});
