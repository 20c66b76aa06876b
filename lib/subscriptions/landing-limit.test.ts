import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoCatalogue } from "@/db/seed-demo";
import type { MarketplaceClient } from "@/lib/marketplace";
import { createAbuseLimiter } from "@/lib/rate-limit/limiter";
import { alex, buy, startHarness, type SimHarness } from "marketplace-simulator/testing";
import { simulatorClient } from "@/test/simulator-client";
import { openPurchase } from "./landing";

// The limit itself lives in lib/rate-limit; here: what the landing page counts, and what it spares Microsoft.
describe("landing-page resolves under the abuse limit", () => {
  let h: SimHarness;
  let client: MarketplaceClient;
  beforeAll(async () => {
    h = await startHarness("pglite");
    client = simulatorClient(h);
    await seedDemoCatalogue(h.db.db);
  });
  afterAll(async () => h?.close());

  const apiCalls = async (id: string) =>
    ((await h.call("GET", `/_sim/subscriptions/${id}`)).body as { apiCalls: Record<string, number> }).apiCalls;

  it("counts only tokens that would reach Microsoft's resolve, and refuses the rest without calling it", async () => {
    const limiter = createAbuseLimiter({ name: "landing-test", points: 2, durationSeconds: 60 }, { kind: "memory" });
    let asked = 0;
    const deps = {
      db: h.db.db,
      client,
      limitResolve: () => {
        asked++;
        return limiter.consume("203.0.113.40");
      },
    };
    const first = await buy(h, { offerId: "contoso-analytics", planId: "professional", purchaser: alex });
    expect(await openPurchase(deps, first.token)).toMatchObject({ kind: "purchase" });
    // Revisits of a remembered token read the subscription directly: not counted.
    for (let i = 0; i < 3; i++) expect(await openPurchase(deps, first.token)).toMatchObject({ kind: "purchase" });
    expect(asked).toBe(1);
    // Malformed tokens never reach Microsoft either.
    expect(await openPurchase(deps, "caf\u00e9")).toEqual({ kind: "invalid-token" });
    expect(asked).toBe(1);

    expect(await openPurchase(deps, "bm90LWEtcmVhbC10b2tlbg==")).toEqual({ kind: "invalid-token" });
    const second = await buy(h, { offerId: "contoso-analytics", planId: "professional", purchaser: alex });
    const refused = await openPurchase(deps, second.token);
    expect(refused).toMatchObject({ kind: "rate-limited" });
    if (refused.kind === "rate-limited") expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((await apiCalls(second.subscriptionId)).resolve ?? 0).toBe(0);
    // The remembered purchase still opens.
    expect(await openPurchase(deps, first.token)).toMatchObject({ kind: "purchase" });
  });
});
