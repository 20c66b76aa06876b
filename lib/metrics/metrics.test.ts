import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoCatalogue } from "@/db/seed-demo";
import { quiet } from "@/lib/jobs/testing/worker-fixtures";
import { createMarketplaceClient, type MarketplaceClient } from "@/lib/marketplace";
import { marketplaceCallObserver } from "@/lib/services/marketplace";
import { confirmPurchase } from "@/lib/subscriptions/activate";
import { openPurchase } from "@/lib/subscriptions/landing";
import { createWebhookHandler } from "@/lib/webhook/handler";
import { handleSimulatorRequest } from "marketplace-simulator";
import { alex, API, buy, startHarness, type SimHarness } from "marketplace-simulator/testing";
import { captureLogs } from "@/test/console";
import { testDatabases } from "@/test/db";
import { handleMetricsRequest } from "./scrape";

const TOKEN = "metrics-token-for-the-test-0123";
const scrape = (h: SimHarness, authorization?: string, token: string | null = TOKEN) =>
  handleMetricsRequest(new Request("http://portal.test/api/metrics", { headers: authorization ? { authorization } : {} }), {
    token,
    getDb: async () => h.db.db,
  });

describe.each(testDatabases("one"))("GET /api/metrics on %s", (kind) => {
  let h: SimHarness;
  let client: MarketplaceClient;
  beforeAll(async () => {
    h = await startHarness(kind);
    await seedDemoCatalogue(h.db.db);
    // The portal's client as lib/services/marketplace.ts wires it: every call logged and counted.
    client = createMarketplaceClient({
      baseUrl: API,
      getToken: () => h.mintToken(),
      fetch: (input, init) => handleSimulatorRequest(new Request(input, init)),
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
      logger: marketplaceCallObserver(),
    });
  });
  afterAll(async () => h?.close());

  it("is off (404) without METRICS_TOKEN, and refuses (401) a call without the token or with another", async () => {
    expect((await scrape(h, `Bearer ${TOKEN}`, null)).status).toBe(404);
    expect((await scrape(h)).status).toBe(401);
    expect((await scrape(h, `Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(h, TOKEN)).status).toBe(401);
    expect((await scrape(h, "Bearer ")).status).toBe(401);
  });

  it("exposes Microsoft's calls, webhook answers and the database's queues after a purchase", async () => {
    const logs = captureLogs("info");
    const { token, subscriptionId } = await buy(h, { offerId: "contoso-analytics", planId: "professional", purchaser: alex });
    expect(await openPurchase({ db: h.db.db, client }, token)).toMatchObject({ kind: "purchase" });
    const actor = { type: "user" as const, id: "0b1c5e9e-0000-4000-8000-00000000a1e1", email: alex.email };
    const answers = { company: "Contoso", contactEmail: "it@contoso.example", region: "Europe" };
    expect(await confirmPurchase({ db: h.db.db, client }, { subscriptionId, actor, answers })).toMatchObject({ ok: true });
    const refused = createWebhookHandler({
      verify: async () => ({ ok: false, status: 401, reason: "test" }),
      getDb: async () => h.db.db,
      log: quiet,
    });
    expect((await refused(new Request("http://portal.test/api/webhook", { method: "POST", body: "{}" }))).status).toBe(401);
    logs.restore();
    // Each Microsoft call was logged with its operation, status, duration and Microsoft's IDs.
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        msg: "marketplace request",
        operation: "resolve",
        status: 200,
        durationMs: expect.any(Number),
        msRequestId: expect.any(String),
        msCorrelationId: expect.any(String),
      }),
    );

    const res = await scrape(h, `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const series of [
      'portal_marketplace_requests_total{operation="resolve",status="200"}',
      'portal_marketplace_requests_total{operation="activate",status="200"}',
      'portal_marketplace_request_duration_seconds_count{operation="resolve"}',
      'portal_webhook_calls_total{result="unauthenticated"}',
      'portal_webhook_inbox_items{state="received"}',
      "portal_webhook_inbox_oldest_pending_age_seconds",
      'portal_dead_letters{queue="webhook_inbox"}',
      'portal_dead_letters{queue="outbound"}',
      "portal_marketplace_operations_pending",
      'portal_sync_runs{status="succeeded"}',
      "portal_sync_drift_open",
      'portal_outbound_deliveries{status="pending"}',
      'portal_usage_hours{state="accepted"}',
    ]) {
      expect(text, series).toMatch(new RegExp(`^${series.replace(/[{}"=()]/g, (c) => `\\${c}`)} \\d+(\\.\\d+)?(e[-+]?\\d+)?$`, "m"));
    }
    // Series that only count once something happened are declared all the same.
    expect(text).toContain("# TYPE portal_marketplace_token_acquisitions_total counter");
    expect(text).toContain("# TYPE portal_outbound_delivery_attempts_total counter");
  });
});
