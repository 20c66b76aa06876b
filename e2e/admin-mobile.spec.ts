import { axe } from "./axe";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { buyers, expect, restoreSignIn, Simulator, test as base } from "./fixtures";
import { workerServerPort } from "./servers";

interface Seed {
  subscriptionId: string;
  name: string;
  tenantId: string;
}

// One purchase per worker, shared by the pages that need content: a subscription, its customer,
// and the rows it leaves in the list, the operations, the audit log and the overview.
const test = base.extend<object, { seed: Seed }>({
  seed: [
    async ({ browser }, use) => {
      const context = await browser.newContext({
        baseURL: `http://localhost:${workerServerPort()}`,
        extraHTTPHeaders: { "x-forwarded-for": `198.19.255.${Number(process.env.TEST_PARALLEL_INDEX ?? 0) + 1}` },
      });
      const simulator = new Simulator(context.request);
      await simulator.reset();
      const name = `Contoso Analytics for the Northwind finance department ${Date.now()}`;
      const bought = await simulator.purchase({
        offerId: "contoso-analytics",
        planId: "starter",
        purchaser: buyers.alex,
        autoActivate: true,
        name,
      });
      const page = await context.newPage();
      await restoreSignIn(page, "owner@isv.example");
      await expect(async () => {
        await page.goto(`/admin/subscriptions/${bought.subscriptionId}`);
        await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 45_000 });
      await context.close();
      await use({ subscriptionId: bought.subscriptionId, name, tenantId: buyers.alex.tenantId });
    },
    { scope: "worker", timeout: 90_000 },
  ],
});

// A phone in portrait: every admin page reflows to it; wide tables scroll inside their own box.
test.use({ viewport: { width: 390, height: 844 } });

/** Wider than the viewport means the whole page scrolls sideways, which a phone user cannot read. */
const pageOverflow = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    // Name the innermost offenders outside any box that scrolls or clips, to say what to fix.
    // A box that scrolls or clips holds what is laid out inside it, but not an absolutely positioned
    // element whose containing block lies outside it (an `sr-only` label in an unpositioned box).
    const clipped = (el: HTMLElement) => {
      let a = el.parentElement;
      if (getComputedStyle(el).position === "absolute")
        while (a && a !== document.body && getComputedStyle(a).position === "static") a = a.parentElement;
      for (; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return true;
      return false;
    };
    const wide = [...document.querySelectorAll<HTMLElement>("body *")].filter(
      (el) => el.getBoundingClientRect().right > root.clientWidth + 1 && getComputedStyle(el).position !== "fixed" && !clipped(el),
    );
    const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      wide: innermost
        .slice(0, 5)
        .map(
          (el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 4).join(".")} "${(el.textContent ?? "").trim().slice(0, 40)}"`,
        ),
    };
  });

/** Opens `path` as an owner, then: no sideways page scroll at 390 px, and nothing axe objects to (best practices included). */
async function expectReflows(page: Page, path: string, heading: string | RegExp) {
  await restoreSignIn(page, "owner@isv.example");
  await page.goto(path);
  await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.clientWidth)).toBeLessThanOrEqual(390);
  expect(await pageOverflow(page)).toBeNull();
  const audit = await axe(page).analyze();
  expect(audit.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const PAGES: Array<{ name: string; path: (s: Seed) => string; heading: (s: Seed) => string | RegExp }> = [
  { name: "overview", path: () => "/admin", heading: () => "Overview" },
  { name: "subscriptions list", path: () => "/admin/subscriptions", heading: () => "Subscriptions" },
  { name: "subscription detail", path: (s) => `/admin/subscriptions/${s.subscriptionId}`, heading: (s) => s.name },
  { name: "customer", path: (s) => `/admin/customers/${s.tenantId}`, heading: () => buyers.alex.email },
  { name: "catalogue", path: () => "/admin/catalogue", heading: () => "Catalogue" },
  { name: "catalogue offer", path: () => "/admin/catalogue/contoso-analytics", heading: () => /Contoso/ },
  { name: "usage", path: () => "/admin/usage", heading: () => "Usage" },
  { name: "operations and webhooks", path: () => "/admin/operations?view=all", heading: () => "Operations and webhooks" },
  { name: "sync", path: () => "/admin/sync", heading: () => "Sync with the marketplace" },
  { name: "audit", path: () => "/admin/audit", heading: () => "Audit log" },
  { name: "outbound", path: () => "/admin/outbound", heading: () => "Outbound events" },
  { name: "notifications", path: () => "/admin/notifications", heading: () => "Notifications" },
  { name: "staff", path: () => "/admin/staff", heading: () => "Staff" },
  { name: "API keys", path: () => "/admin/api-keys", heading: () => "API keys" },
  { name: "settings", path: () => "/admin/settings", heading: () => "Settings" },
];

for (const p of PAGES)
  test(`the ${p.name} page reflows at 390 px and axe finds nothing`, async ({ page, seed }) => {
    // axe with best practices over a whole admin page took over 50 s with the rest of npm test alongside.
    test.setTimeout(120_000);
    await expectReflows(page, p.path(seed), p.heading(seed));
  });

test("an outbound endpoint's page and a delivery's page reflow at 390 px and axe finds nothing", async ({ page }) => {
  // Adds an endpoint, sends a test event and deletes the endpoint around two page checks: took 55 s at load average 18.
  test.setTimeout(120_000);
  // The ISV's receiver, answering 200, so that the test event is delivered and nothing is left to retry.
  const server: Server = createServer((req, res) => req.resume().on("end", () => res.writeHead(200).end("ok")));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // A long URL without spaces: the endpoint page's heading.
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/marketplace/subscription-events/receiver-${Date.now()}`;
  try {
    await restoreSignIn(page, "owner@isv.example");
    await page.goto("/admin/outbound");
    await page.getByLabel("URL").fill(url);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Endpoint added." })).toBeVisible();
    await page.getByRole("link", { name: url }).click();
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Test event delivered: HTTP 200/ })).toBeVisible();
    const endpointPath = new URL(page.url()).pathname;
    await expectReflows(page, endpointPath, url);

    await page.getByRole("link", { name: "outbound.test" }).first().click();
    await expect(page.getByRole("heading", { name: "outbound.test", level: 1 })).toBeVisible();
    await expectReflows(page, new URL(page.url()).pathname, "outbound.test");

    // The endpoint goes with its delivery log: the outbound journeys count deliveries on this server.
    await page.goto(endpointPath);
    await page.getByRole("button", { name: "Delete endpoint…" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page).toHaveURL(/\/admin\/outbound$/);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
