import type { Locator, Page } from "@playwright/test";
import { buyers, expect, restoreSignIn, test } from "./fixtures";

// Every form: a refused submit keeps exactly what was typed and chosen, a field's error goes once
// the field is edited, and the corrected submit goes through with those choices.

const staffSignIn = async (page: Page, email: string, path: string) => {
  await restoreSignIn(page, email);
  await page.goto(path);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?.]/g, "\\$&")}$`));
};

/** Clicks a submit button and waits for the server action's answer (for a save whose message is the same as the last one's). */
const submitAndWait = async (page: Page, button: Locator) => {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined),
    button.click(),
  ]);
};

/** Puts a choice the page does not offer into a select, as a page left open while the choices changed would send. */
const chooseStale = (select: Locator, value: string) =>
  select.evaluate((s: HTMLSelectElement, v: string) => {
    s.add(new Option(`Stale ${v}`, v));
    s.value = v;
  }, value);

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

  // The member's role: a role the page no longer offers is refused and stays chosen until corrected.
  const role = page.getByLabel(`Role of ${email}`);
  const row = page.getByRole("row").filter({ has: role });
  await chooseStale(role, "superuser");
  await row.getByRole("button", { name: "Save" }).click();
  const roleError = row.getByText("Choose a role");
  await expect(roleError).toBeVisible();
  await expect(role).toHaveValue("superuser");
  await role.selectOption("viewer");
  await expect(roleError).toHaveCount(0);
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText(`${email} is now viewer.`);
  await expect(role).toHaveValue("viewer");
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

test("the simulator's customer actions keep the typed users after a refusal and change exactly those", async ({ page, simulator }) => {
  const name = `sim-users-${Date.now()}`;
  const p = await simulator.purchase({
    offerId: "contoso-teamwork",
    planId: "team",
    quantity: 3,
    purchaser: buyers.alex,
    autoActivate: true,
    name,
  });
  await page.goto("/simulator/subscriptions");
  const form = page.getByRole("form", { name: `Actions on ${name}` });
  const users = form.getByLabel("Customer sets users to");
  await users.fill("0");
  await form.getByRole("button", { name: "Change users" }).click();
  const error = form.getByText("Enter a whole number of users, 1 or more.");
  await expect(error).toBeVisible();
  await expect(users).toHaveValue("0");
  await expect(users).toHaveAttribute("aria-invalid", "true");

  await users.fill("4");
  await expect(error).toHaveCount(0);
  await form.getByRole("button", { name: "Change users" }).click();
  await expect(form.getByRole("status")).toContainText(/^ChangeQuantity: (InProgress|Succeeded)/);
  await expect(form.getByRole("alert")).toHaveCount(0);
  await expect(async () => expect((await simulator.subscription(p.subscriptionId)).quantity).toBe(4)).toPass({ timeout: 30_000 });
});

test("the catalogue's offer, question and plan forms keep what was typed after a refusal", async ({ page, simulator }) => {
  test.setTimeout(120_000);
  // The portal learns of an offer and its plans when a purchase of it is first opened.
  const p = await simulator.purchase({ offerId: "contoso-analytics", planId: "starter", purchaser: buyers.alex });
  await page.goto(p.landingUrl);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await staffSignIn(page, "owner@isv.example", "/admin/catalogue/contoso-analytics");

  const offer = page.getByRole("region", { name: "Offer", exact: true });
  const description = offer.getByLabel("Description");
  const handoff = offer.getByLabel("Hand-off URL");
  const before = { description: await description.inputValue(), handoff: await handoff.inputValue() };
  await description.fill("Kept after a refusal");
  await handoff.fill("http://app.example/start");
  await offer.getByRole("button", { name: "Save offer" }).click();
  const httpsError = offer.getByText("Enter an https:// address");
  await expect(httpsError).toBeVisible();
  await expect(description).toHaveValue("Kept after a refusal");
  await expect(handoff).toHaveValue("http://app.example/start");
  await handoff.fill("https://app.example/start");
  await expect(httpsError).toHaveCount(0);
  await offer.getByRole("button", { name: "Save offer" }).click();
  await expect(offer.getByRole("status").filter({ hasText: "Offer saved." })).toBeVisible();
  await expect(handoff).toHaveValue("https://app.example/start");
  await expect(description).toHaveValue("Kept after a refusal");
  // Back as it was: other journeys hand buyers off to the portal's own welcome page.
  await description.fill(before.description);
  await handoff.fill(before.handoff);
  await submitAndWait(page, offer.getByRole("button", { name: "Save offer" }));

  const questions = page.getByRole("region", { name: "Onboarding questions" });
  const add = questions.locator("details").filter({ has: page.locator("summary", { hasText: "Add a question" }) });
  const label = `Cost centre ${Date.now()}`;
  await add.locator("summary").click();
  await add.getByLabel("Key").fill("1st");
  await add.getByLabel("Question").fill(label);
  await add.getByLabel("Help text").fill("As on your purchase orders");
  await add.getByRole("button", { name: "Add question" }).click();
  const keyError = add.getByText("Start with a letter; letters, digits and _ only, at most 40 characters");
  await expect(keyError).toBeVisible();
  await expect(add.getByLabel("Key")).toHaveValue("1st");
  await expect(add.getByLabel("Question")).toHaveValue(label);
  await expect(add.getByLabel("Help text")).toHaveValue("As on your purchase orders");
  await add.getByLabel("Key").fill(`costCentre${Date.now()}`);
  await expect(keyError).toHaveCount(0);
  await add.getByRole("button", { name: "Add question" }).click();
  await expect(add.getByRole("status").filter({ hasText: `Question "${label}" added.` })).toBeVisible();
  // An add form starts empty again once it succeeded.
  await expect(add.getByLabel("Question")).toHaveValue("");

  const item = questions.getByRole("listitem").filter({ hasText: label });
  await item.locator("summary").click();
  await item.getByLabel("Question").fill("");
  await item.getByLabel("Help text").fill("Changed help");
  await item.getByRole("button", { name: "Save question" }).click();
  const labelError = item.getByText("Enter a label");
  await expect(labelError).toBeVisible();
  await expect(item.getByLabel("Question")).toHaveValue("");
  await expect(item.getByLabel("Help text")).toHaveValue("Changed help");
  await item.getByLabel("Question").fill(`${label} (edited)`);
  await expect(labelError).toHaveCount(0);
  await item.getByRole("button", { name: "Save question" }).click();
  await expect(item.getByRole("status").filter({ hasText: `Question "${label} (edited)" saved.` })).toBeVisible();
  await expect(item.getByLabel("Help text")).toHaveValue("Changed help");
  // Other journeys answer this offer's questions: this one goes again.
  await item.getByRole("button", { name: `Remove ${label} (edited)` }).click();
  await expect(questions.getByRole("listitem").filter({ hasText: label })).toHaveCount(0);

  const plan = page.getByRole("form", { name: "Settings of plan starter" });
  const policy = plan.getByLabel("Customer-started changes");
  const policyBefore = await policy.inputValue();
  const other = policyBefore === "accept_all" ? "reject_downgrades" : "accept_all";
  await chooseStale(policy, "reject_everything");
  await plan.getByRole("button", { name: "Save" }).click();
  const policyError = plan.getByText("Choose a change policy");
  await expect(policyError).toBeVisible();
  await expect(policy).toHaveValue("reject_everything");
  await expect(policy).toHaveAccessibleDescription("Choose a change policy");
  await policy.selectOption(other);
  await expect(policyError).toHaveCount(0);
  await plan.getByRole("button", { name: "Save" }).click();
  await expect(plan.getByRole("status")).toHaveText("Plan starter saved.");
  // A saved choice stays on screen (a reset would put the select back to the page's first answer).
  await expect(policy).toHaveValue(other);
  await policy.selectOption(policyBefore);
  await submitAndWait(page, plan.getByRole("button", { name: "Save" }));
});

test("the settings forms keep a refused choice or address on screen until it is corrected", async ({ page }) => {
  await staffSignIn(page, "owner@isv.example", "/admin/settings");
  const interval = page.getByLabel("Scheduled sync");
  const intervalForm = page.locator("form").filter({ has: interval });
  const every = await interval.inputValue();
  const other = every === "720" ? "1440" : "720";
  await chooseStale(interval, "7");
  await intervalForm.getByRole("button", { name: "Save" }).click();
  const intervalError = intervalForm.getByText("Choose one of the listed intervals");
  await expect(intervalError).toBeVisible();
  await expect(interval).toHaveValue("7");
  await interval.selectOption(other);
  await expect(intervalError).toHaveCount(0);
  await intervalForm.getByRole("button", { name: "Save" }).click();
  await expect(intervalForm.getByRole("status")).toHaveText(/^Scheduled sync: every (12 hours|day)\.$/);
  await expect(interval).toHaveValue(other);
  await interval.selectOption(every);
  await submitAndWait(page, intervalForm.getByRole("button", { name: "Save" }));

  const drift = page.getByLabel("Drift in Microsoft-owned fields");
  const driftForm = page.locator("form").filter({ has: drift });
  const heal = await drift.inputValue();
  await chooseStale(drift, "sometimes");
  await driftForm.getByRole("button", { name: "Save" }).click();
  const driftError = driftForm.getByText("Choose what a sync does with drift");
  await expect(driftError).toBeVisible();
  await expect(drift).toHaveValue("sometimes");
  await drift.selectOption(heal);
  await expect(driftError).toHaveCount(0);
  await driftForm.getByRole("button", { name: "Save" }).click();
  await expect(driftForm.getByRole("status")).toHaveText("The setting was already that.");

  const brand = page.getByRole("region", { name: "Default brand" });
  const privacy = brand.getByLabel("Privacy statement", { exact: true });
  const terms = brand.getByLabel("Terms of use", { exact: true });
  const kept = { privacy: await privacy.inputValue(), terms: await terms.inputValue() };
  await terms.fill("https://isv.example/terms");
  await privacy.fill("http://isv.example/privacy");
  await brand.getByRole("button", { name: "Save brand" }).click();
  const httpsError = brand.getByText("Enter an https:// address");
  await expect(httpsError).toBeVisible();
  await expect(privacy).toHaveValue("http://isv.example/privacy");
  await expect(terms).toHaveValue("https://isv.example/terms");
  await privacy.fill("https://isv.example/privacy");
  await expect(httpsError).toHaveCount(0);
  await brand.getByRole("button", { name: "Save brand" }).click();
  await expect(brand.getByRole("status")).toHaveText("Default brand saved.");
  await expect(privacy).toHaveValue("https://isv.example/privacy");
  // Back as it was: every buyer page's footer shows the default brand's links.
  await privacy.fill(kept.privacy);
  await terms.fill(kept.terms);
  await submitAndWait(page, brand.getByRole("button", { name: "Save brand" }));
});

test("the notification channel, rule and template forms keep what was typed after a refusal", async ({ page }) => {
  const name = `Kept channel ${Date.now()}`;
  await staffSignIn(page, "owner@isv.example", "/admin/notifications");

  const channel = page.getByRole("region", { name: "Add a channel" });
  await channel.getByLabel("Sender (blank: MAIL_FROM)").fill("Contoso <billing@contoso.example>");
  await channel.getByRole("button", { name: "Add channel" }).click();
  const nameError = channel.getByText("Give the channel a name");
  await expect(nameError).toBeVisible();
  await expect(channel.getByLabel("Kind")).toHaveValue("email");
  await expect(channel.getByLabel("Sender (blank: MAIL_FROM)")).toHaveValue("Contoso <billing@contoso.example>");
  await channel.getByLabel("Name").fill(name);
  await expect(nameError).toHaveCount(0);
  await channel.getByRole("button", { name: "Add channel" }).click();
  await expect(channel.getByRole("status")).toHaveText(`Channel “${name}” added. Add rules to choose what it receives.`);
  await expect(channel.getByLabel("Name")).toHaveValue("");

  const rules = page.getByRole("region", { name: /^Rules \(/ });
  await rules.getByLabel("Channel").selectOption({ label: name });
  const channelId = await rules.getByLabel("Channel").inputValue();
  await rules.getByLabel("Other addresses").fill("billing@contoso.example, not-an-address");
  await rules.getByRole("checkbox", { name: "Staff: owners" }).check();
  await rules.getByRole("button", { name: "Add rule" }).click();
  const eventsError = rules.getByText("Choose at least one event");
  const addressError = rules.getByText("Enter e-mail addresses separated by commas");
  await expect(eventsError).toBeVisible();
  await expect(addressError).toBeVisible();
  await expect(rules.getByLabel("Channel")).toHaveValue(channelId);
  await expect(rules.getByLabel("Other addresses")).toHaveValue("billing@contoso.example, not-an-address");
  await expect(rules.getByRole("checkbox", { name: "Staff: owners" })).toBeChecked();
  await rules.getByLabel("Other addresses").fill("billing@contoso.example");
  await expect(addressError).toHaveCount(0);
  await rules.getByRole("checkbox").first().check();
  await expect(eventsError).toHaveCount(0);
  await rules.getByRole("button", { name: "Add rule" }).click();
  await expect(rules.getByRole("status")).toHaveText("Rule added.");

  const templates = page.getByRole("region", { name: "Templates" });
  const subject = templates.getByLabel("Subject");
  const intro = templates.getByLabel("Intro");
  const saved = { subject: await subject.inputValue(), intro: await intro.inputValue() };
  await intro.fill("Kept after a refusal");
  await subject.fill("x".repeat(201));
  await templates.getByRole("button", { name: "Save template" }).click();
  const tooLong = templates.getByText("At most 200 characters");
  await expect(tooLong).toBeVisible();
  await expect(subject).toHaveValue("x".repeat(201));
  await expect(intro).toHaveValue("Kept after a refusal");
  await subject.fill("Kept subject");
  await expect(tooLong).toHaveCount(0);
  await templates.getByRole("button", { name: "Save template" }).click();
  await expect(templates.getByRole("status")).toHaveText("Template saved: new messages use it.");
  await expect(subject).toHaveValue("Kept subject");
  // Back as it was, and the channel goes with its rule: other journeys count the e-mails they get.
  await subject.fill(saved.subject);
  await intro.fill(saved.intro);
  await submitAndWait(page, templates.getByRole("button", { name: "Save template" }));
  await page.getByRole("button", { name: `Remove ${name}` }).click();
  await expect(page.getByRole("button", { name: `Remove ${name}` })).toHaveCount(0);
});

test("the API key form keeps the name and expiry after a refusal", async ({ page }) => {
  const name = `Kept key ${Date.now()}`;
  const expires = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  await staffSignIn(page, "owner@isv.example", "/admin/api-keys");
  const form = page.getByRole("region", { name: "Create a key" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Expires after (optional, UTC)").fill(expires);
  await form.getByRole("button", { name: "Create key" }).click();
  const scopesError = form.getByText("Choose at least one scope");
  await expect(scopesError).toBeVisible();
  await expect(form.getByLabel("Name")).toHaveValue(name);
  await expect(form.getByLabel("Expires after (optional, UTC)")).toHaveValue(expires);

  await form.getByRole("checkbox", { name: /Report usage/ }).check();
  await expect(scopesError).toHaveCount(0);
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(form.getByRole("status")).toHaveText(`API key "${name}" created.`);
  await expect(form.getByTestId("new-api-key")).toBeVisible();
});

test("the dashboard's quantity form keeps the seats and the approval after a refusal", async ({ page, simulator }) => {
  await simulator.config({ operationDelayMs: 1_000 });
  const name = `staff-seats-${Date.now()}`;
  const p = await simulator.purchase({
    offerId: "contoso-teamwork",
    planId: "business",
    quantity: 10,
    purchaser: buyers.alex,
    autoActivate: true,
    name,
  });
  await restoreSignIn(page, "operator@isv.example");
  await expect(async () => {
    await page.goto(`/admin/subscriptions/${p.subscriptionId}`);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const seats = page.getByLabel("Seats", { exact: true });
  const form = page.locator("form").filter({ has: seats });
  await seats.fill("4");
  await form.getByRole("checkbox", { name: "The customer has approved this change." }).check();
  await form.getByRole("button", { name: "Request quantity change" }).click();
  const rangeError = form.getByText(/5 to 5000 seats/);
  await expect(rangeError.first()).toBeVisible();
  await expect(seats).toHaveValue("4");
  await expect(seats).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByRole("checkbox", { name: "The customer has approved this change." })).toBeChecked();
  expect((await simulator.subscription(p.subscriptionId)).apiCalls.patch ?? 0).toBe(0);

  await seats.fill("12");
  await expect(seats).not.toHaveAttribute("aria-invalid", "true");
  await form.getByRole("button", { name: "Request quantity change" }).click();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: /Change quantity to 12/ })
      .first(),
  ).toBeVisible({ timeout: 30_000 });
  await expect(async () => expect((await simulator.subscription(p.subscriptionId)).quantity).toBe(12)).toPass({ timeout: 30_000 });
});
