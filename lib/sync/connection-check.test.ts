import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getEnv, MARKETPLACE_APP_ID, SIMULATOR_CLIENT_ID, SIMULATOR_TENANT_ID } from "@/lib/env";
import { checkedFetch, startHarness, type SimHarness } from "marketplace-simulator/testing";
import { testDatabases } from "@/test/db";
import { checkMarketplaceConnection } from "./connection-check";
import { seedSimulatorSubscriptions } from "./testing/sim-subscriptions";

describe.each(testDatabases("one"))("marketplace connection check against the simulator on %s", (kind) => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset());

  const fetchSim = (input: RequestInfo | URL, init?: RequestInit) => checkedFetch(new Request(input, init));

  it("reports the token's audience, tenant and app, and the first page with Microsoft's request ID", async () => {
    await seedSimulatorSubscriptions(h.db.db, 101);
    const report = await checkMarketplaceConnection(getEnv(), { tokens: { getToken: () => h.mintToken() }, fetch: fetchSim });
    expect(report).toMatchObject({ mode: "simulator", apiBaseUrl: "http://localhost:3000/api/simulator" });
    expect(report.token).toMatchObject({ ok: true, tenantId: SIMULATOR_TENANT_ID, appId: SIMULATOR_CLIENT_ID });
    expect(report.token.audience).toContain(MARKETPLACE_APP_ID);
    expect(report.call).toMatchObject({ ok: true, status: 200, subscriptionsOnFirstPage: 100, morePages: true });
    expect(report.call.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("shows Microsoft's refusal with its request ID, and makes no call without a token", async () => {
    const refused = await checkMarketplaceConnection(getEnv(), { tokens: { getToken: async () => "not-a-token.x.y" }, fetch: fetchSim });
    expect(refused.token.ok).toBe(false);
    expect(refused.call).toMatchObject({ ok: false, skipped: expect.any(String) });

    // A token whose signature does not verify: Microsoft answers 401.
    const forbidden = await checkMarketplaceConnection(getEnv(), {
      tokens: { getToken: async () => (await h.mintToken()).replace(/\.[^.]+$/, ".bad") },
      fetch: (input, init) => checkedFetch(new Request(input, init), { allow: [/./] }),
    });
    expect(forbidden.call.ok).toBe(false);
    expect(forbidden.token.ok).toBe(true);
    expect(forbidden.call.status).toBe(401);
    expect(forbidden.call.error).toMatch(/\(401\): .*bearer token/);
    expect(forbidden.call.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
