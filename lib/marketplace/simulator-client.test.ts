import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMarketplaceClient, MarketplaceApiError, type MarketplaceClient } from "@/lib/marketplace";
import { testDatabases } from "@/test/db";
import { alex, API, buy, checkedFetch, startHarness, type SimHarness } from "marketplace-simulator/testing";

/** The portal's own Fulfillment/Metering client, talking to the simulator without a server. */
describe.each(testDatabases("one"))("the shared marketplace client against the simulator on %s", (kind) => {
  let h: SimHarness;
  let client: MarketplaceClient;
  const sleeps: number[] = [];
  beforeAll(async () => {
    h = await startHarness(kind);
    client = createMarketplaceClient({
      baseUrl: API,
      getToken: () => h.mintToken(),
      // Injected 429s and 503s are outside Microsoft's document; the client must retry through them.
      fetch: (input, init) => checkedFetch(new Request(input, init), { allow: [/does not document status (429|503)/] }),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    });
  });
  afterAll(async () => h?.close());
  beforeEach(async () => {
    sleeps.length = 0;
    await h.reset();
  });

  const faults = async (rules: unknown[]) => expect((await h.call("PUT", "/_sim/faults", { body: { rules } })).status).toBe(200);

  it("resolves, activates and reads a purchase", async () => {
    const p = await buy(h, { offerId: "contoso-teamwork", planId: "business", quantity: 8, purchaser: alex });
    const resolved = await client.resolve(p.token);
    expect(resolved).toMatchObject({ subscriptionId: p.subscriptionId, planId: "business", quantity: 8 });
    await client.activate(p.subscriptionId, { planId: "business", quantity: 8 });
    const sub = await client.getSubscription(p.subscriptionId);
    expect(sub.status).toBe("Subscribed");
    const plans = await client.listAvailablePlans(p.subscriptionId);
    expect(plans.map((x) => x.planId)).toEqual(["team", "business"]);
  });

  it("walks every page of subscriptions", async () => {
    for (let i = 0; i < 130; i++) await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex });
    let n = 0;
    for await (const _ of client.listSubscriptions()) n++;
    expect(n).toBe(130);
  });

  it("follows a plan change to Succeeded and sees the new plan", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex, autoActivate: true });
    const started = await client.updatePlan(p.subscriptionId, "professional");
    expect(started.operationLocation).toContain(`/operations/${started.operationId}`);
    expect(await client.getOperation(p.subscriptionId, started.operationId)).toMatchObject({ status: "Succeeded", action: "ChangePlan" });
    expect((await client.getSubscription(p.subscriptionId)).planId).toBe("professional");
    const cancel = await client.deleteSubscription(p.subscriptionId);
    expect((await client.getOperation(p.subscriptionId, cancel.operationId)).status).toBe("Succeeded");
    expect((await client.getSubscription(p.subscriptionId)).status).toBe("Unsubscribed");
  });

  it("rejects a customer's change inside the window", async () => {
    await h.call("PUT", "/_sim/config", { body: { rejectWindowMs: 10_000 } });
    const p = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex, autoActivate: true });
    await h.call("POST", `/_sim/subscriptions/${p.subscriptionId}/change-plan`, { body: { planId: "enterprise" } });
    const [pending] = await client.listOperations(p.subscriptionId);
    expect(pending).toMatchObject({ action: "ChangePlan", status: "InProgress" });
    await client.updateOperation(p.subscriptionId, pending!.id, { status: "Failure" });
    expect((await client.getSubscription(p.subscriptionId)).planId).toBe("starter");
    const err = await client.updateOperation(p.subscriptionId, pending!.id, { status: "Success" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MarketplaceApiError);
    expect((err as MarketplaceApiError).status).toBe(409);
  });

  it("meters usage: accepted, duplicate, batch and read back", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "professional", purchaser: alex, autoActivate: true });
    const hour = new Date(Math.floor(Date.now() / 3600_000) * 3600_000 - 3600_000);
    const event = { resourceId: p.subscriptionId, dimension: "api-calls", quantity: 3, planId: "professional", effectiveStartTime: hour };
    expect((await client.postUsageEvent(event)).status).toBe("Accepted");
    expect((await client.postUsageEvent(event)).status).toBe("Duplicate");
    const batch = await client.postBatchUsageEvents([
      { ...event, dimension: "storage-gb" },
      { ...event, dimension: "nope" },
    ]);
    expect(batch.results.map((r) => r.status)).toEqual(["Accepted", "InvalidDimension"]);
    const usage = await client.getUsageEvents({ usageStartDate: new Date(hour.getTime() - 86400_000) });
    expect(usage.map((u) => u.dimension).sort()).toEqual(["api-calls", "storage-gb"]);
  });

  it("surfaces Microsoft's errors as MarketplaceApiError", async () => {
    const err = await client.getSubscription("0b0e0000-0000-4000-8000-000000000000").catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404, code: "EntityNotFound" });
  });

  it("retries 429 after Retry-After on idempotent calls", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex });
    await faults([{ endpoint: "getSubscription", count: 2, effect: { type: "status", status: 429, retryAfterSeconds: 3 } }]);
    expect((await client.getSubscription(p.subscriptionId)).id).toBe(p.subscriptionId);
    expect(sleeps).toEqual([3000, 3000]);
  });

  it("does not repeat an activate whose reply was lost: the caller reads the subscription first", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex });
    await faults([{ endpoint: "activate", count: 1, effect: { type: "drop", when: "after" } }]);
    const err = await client.activate(p.subscriptionId, { planId: "starter" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 0, code: "NetworkError" });
    expect((await h.call("GET", `/_sim/subscriptions/${p.subscriptionId}`)).body.apiCalls.activate).toBe(1);
    expect((await client.getSubscription(p.subscriptionId)).status).toBe("Subscribed");
  });

  it("does not repeat a PATCH whose connection dropped", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex, autoActivate: true });
    await faults([{ endpoint: "updateSubscription", count: 1, effect: { type: "drop" } }]);
    const err = await client.updatePlan(p.subscriptionId, "professional").catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 0, code: "NetworkError" });
    expect((await h.call("GET", `/_sim/subscriptions/${p.subscriptionId}`)).body.apiCalls.patch).toBe(0);
  });
});
