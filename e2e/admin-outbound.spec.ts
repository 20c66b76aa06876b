import { axe } from "./axe";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { buyers, expect, restoreSignIn, signInAs, test } from "./fixtures";

// The ISV's own system: records each signed POST and answers with `status`.
const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
let status = 200;
let server: Server;
let receiverUrl = "";

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "receiver is down");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${Date.now()}`;
});
test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const staffSignIn = async (page: Page, email: string, path: string) => {
  await restoreSignIn(page, email);
  await page.goto(path);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?.]/g, "\\$&")}$`));
};

const expectNoA11yViolations = async (page: Page) => {
  const results = await axe(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
};

const verify = (secret: string, call: { headers: IncomingHttpHeaders; body: string }) =>
  new Webhook(secret).verify(call.body, call.headers as Record<string, string>);

test.describe.configure({ mode: "serial" });
let secret = "";

test("an owner adds an endpoint, sees its secret once, and a test event arrives signed with it", async ({ page }) => {
  await staffSignIn(page, "owner@isv.example", "/admin/outbound");
  await expect(page.getByRole("heading", { name: "Outbound events", level: 1 })).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByLabel("URL").fill("ftp://files.example/hooks");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText("Only http and https URLs can receive events.")).toBeVisible();

  await page.getByLabel("URL").fill(receiverUrl);
  await page.getByLabel("Description").fill("Billing system");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Endpoint added." })).toBeVisible();
  secret = (await page.locator("code", { hasText: /^whsec_/ }).textContent()) ?? "";
  expect(secret).toMatch(/^whsec_/);

  await page.getByRole("link", { name: receiverUrl }).click();
  await expect(page.getByRole("heading", { name: receiverUrl, level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Test event delivered: HTTP 200/ })).toBeVisible();
  expect(verify(secret, received.at(-1)!)).toMatchObject({ type: "outbound.test" });

  await page.getByRole("button", { name: "Reveal secret" }).click();
  await expect(page.locator("code", { hasText: secret })).toBeVisible();
  await expectNoA11yViolations(page);
});

test("an operator replays a delivery and filters the log; a viewer only reads", async ({ page }) => {
  await staffSignIn(page, "operator@isv.example", "/admin/outbound");
  await expect(page.getByRole("heading", { name: "Add an endpoint" })).toHaveCount(0);
  await page.getByRole("link", { name: receiverUrl }).click();
  await expect(page.getByRole("button", { name: "Reveal secret" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete endpoint…" })).toHaveCount(0);

  status = 500;
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: /failed \(HTTP 500 in \d+ ms\); it will be retried automatically/ }),
  ).toBeVisible();

  // The filter applies as it changes: no button to press.
  await page.getByLabel("Status").selectOption("pending");
  await expect(page).toHaveURL(/status=pending/);
  const pending = page.getByRole("row", { name: /outbound\.test/ });
  await expect(pending).toHaveCount(1);
  await expect(pending).toContainText("HTTP 500");

  await page.getByLabel("Status").selectOption("succeeded");
  await expect(page).toHaveURL(/status=succeeded/);
  await page.getByRole("link", { name: "outbound.test" }).first().click();
  await expect(page.getByRole("heading", { name: "outbound.test", level: 1 })).toBeVisible();
  status = 200;
  const before = received.length;
  await page.getByRole("button", { name: "Replay delivery" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Replayed: delivered: HTTP 200/ })).toBeVisible();
  expect(received).toHaveLength(before + 1);
  expect(received.at(-1)!.headers["webhook-id"]).toBe(received[0]!.headers["webhook-id"]);
  expect(verify(secret, received.at(-1)!)).toMatchObject({ type: "outbound.test" });
  await expectNoA11yViolations(page);

  await page.goto("/sign-in?callbackUrl=%2Fadmin%2Foutbound");
  await signInAs(page, "viewer@isv.example");
  await page.getByRole("link", { name: receiverUrl }).click();
  await expect(page.getByText("Your role (viewer) can look but not send or change anything here.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send test event" })).toHaveCount(0);
});

test("a subscription activated at Microsoft reaches the endpoint as subscription.activated", async ({ page, simulator }) => {
  const name = `outbound-${Date.now()}`;
  // Bought and auto-activated at Microsoft: the Subscribe webhook is applied, audited, and sent on.
  const body = { offerId: "contoso-analytics", planId: "starter", purchaser: buyers.alex, autoActivate: true, name };
  const p = await simulator.purchase(body);
  await expect(async () => {
    const call = received.find((r) => r.body.includes(p.subscriptionId));
    expect(call, "no event for the purchase yet").toBeDefined();
    expect(verify(secret, call!)).toMatchObject({ type: "subscription.activated", data: { target: { id: p.subscriptionId } } });
  }).toPass({ timeout: 45_000 });

  await staffSignIn(page, "owner@isv.example", "/admin/outbound");
  await page.getByRole("link", { name: receiverUrl }).click();
  await page.getByRole("button", { name: "Delete endpoint…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page).toHaveURL(/\/admin\/outbound$/);
  await expect(page.getByRole("status").filter({ hasText: `Endpoint ${receiverUrl} deleted with its delivery log.` })).toBeVisible();
  await expect(page.getByRole("link", { name: receiverUrl })).toHaveCount(0);
});
