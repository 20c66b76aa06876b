import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases } from "@/test/db";
import { defaultRuntimeConfig } from "../config";
import { alex, buy, kim, startHarness, V, type SimHarness } from "../testing/harness";

describe.each(testDatabases("one"))("control API on %s", (kind) => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset());

  it("lists the seeded catalogue: flat-rate and per-user offers, terms, trials, private and metered plans", async () => {
    const { offers } = (await h.call("GET", "/_sim/offers")).body;
    expect(offers.map((o: { id: string; isPricePerSeat: boolean }) => [o.id, o.isPricePerSeat])).toEqual([
      ["contoso-analytics", false],
      ["contoso-teamwork", true],
    ]);
    const plans = offers.flatMap((o: { plans: unknown[] }) => o.plans) as Array<Record<string, any>>;
    const units = new Set(plans.flatMap((p) => p.planComponents.recurrentBillingTerms.map((t: { termUnit: string }) => t.termUnit)));
    expect([...units].sort()).toEqual(["P1M", "P1Y", "P3Y"]);
    expect(plans.some((p) => p.hasFreeTrials)).toBe(true);
    expect(plans.find((p) => p.isPrivate)).toMatchObject({ planId: "fabrikam-enterprise", allowedTenantIds: [kim.tenantId] });
    expect(plans.some((p) => !p.isPricePerSeat && p.planComponents.meteringDimensions.length > 0)).toBe(true);
    expect((await h.call("GET", "/_sim/buyers")).body.people.map((p: { email: string }) => p.email)).toEqual([
      "alex@contoso.example",
      "sam@contoso.example",
      "kim@fabrikam.example",
    ]);
  });

  it("validates purchases with field errors", async () => {
    const bad = await h.call("POST", "/_sim/purchases", {
      body: { offerId: "contoso-analytics", purchaser: { email: "nope", tenantId: "x" } },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fieldErrors).sort()).toEqual(["planId", "purchaser.email", "purchaser.tenantId"]);
    const purchase = (body: Record<string, unknown>) => h.call("POST", "/_sim/purchases", { body: { purchaser: alex, ...body } });
    expect((await purchase({ offerId: "nope", planId: "starter" })).body.fieldErrors).toHaveProperty("offerId");
    expect((await purchase({ offerId: "contoso-analytics", planId: "fabrikam-enterprise" })).body.fieldErrors).toHaveProperty("planId");
    expect((await purchase({ offerId: "contoso-analytics", planId: "starter", quantity: 3 })).body.fieldErrors).toHaveProperty("quantity");
    expect((await purchase({ offerId: "contoso-teamwork", planId: "business", quantity: 2 })).body.fieldErrors).toHaveProperty("quantity");
    expect((await purchase({ offerId: "contoso-analytics", planId: "starter", termUnit: "P3Y" })).body.fieldErrors).toHaveProperty(
      "termUnit",
    );
  });

  it("lets Fabrikam buy its private plan, for a beneficiary other than the purchaser", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "fabrikam-enterprise", purchaser: alex, beneficiary: kim });
    const sub = (await h.call("GET", `/_sim/subscriptions/${p.subscriptionId}`)).body;
    expect(sub.purchaser.tenantId).toBe(alex.tenantId);
    expect(sub.beneficiary).toMatchObject({ tenantId: kim.tenantId, emailId: kim.email, objectId: "fab51ca0-c1a0-4000-8000-000000000021" });
    expect(sub.name).toBe("Contoso Analytics for Fabrikam");
  });

  it("gives a typed-in buyer a stable object ID", async () => {
    const buyer = { email: "pat@northwind.example", tenantId: "0eed0000-0000-4000-8000-000000000009" };
    const a = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: buyer });
    const b = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: { ...buyer, email: "PAT@northwind.example" } });
    const get = async (id: string) => (await h.call("GET", `/_sim/subscriptions/${id}`)).body.purchaser.objectId;
    expect(await get(a.subscriptionId)).toBe(await get(b.subscriptionId));
  });

  it("lists subscriptions newest first with API-call counts and operations", async () => {
    const first = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex });
    const second = await buy(h, { offerId: "contoso-teamwork", planId: "team", quantity: 4, purchaser: kim, autoActivate: true });
    await h.call("POST", `/saas/subscriptions/resolve?${V}`, { headers: { "x-ms-marketplace-token": first.token } });
    const { subscriptions } = (await h.call("GET", "/_sim/subscriptions")).body;
    expect(subscriptions.map((s: { id: string }) => s.id)).toEqual([second.subscriptionId, first.subscriptionId]);
    expect(subscriptions[1].apiCalls).toEqual({
      resolve: 1,
      activate: 0,
      get: 0,
      listAvailablePlans: 0,
      patch: 0,
      delete: 0,
      listOperations: 0,
      getOperation: 0,
      patchOperation: 0,
      usageEvent: 0,
      batchUsageEvent: 0,
    });
    expect(subscriptions[0].operations).toEqual([
      expect.objectContaining({ action: "Subscribe", status: "Succeeded", source: "Azure", webhookStatus: 200 }),
    ]);
    expect((await h.call("GET", "/_sim/subscriptions/0b0e0000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("reads and updates the runtime config", async () => {
    await h.call("POST", "/_sim/reset");
    expect((await h.call("GET", "/_sim/config")).body).toEqual(defaultRuntimeConfig);
    const put = await h.call("PUT", "/_sim/config", { body: { rejectWindowMs: 2500, purchaseTokenLifetimeSeconds: 60 } });
    expect(put.body).toMatchObject({
      rejectWindowMs: 2500,
      purchaseTokenLifetimeSeconds: 60,
      operationDelayMs: defaultRuntimeConfig.operationDelayMs,
    });
    const bad = await h.call("PUT", "/_sim/config", { body: { rejectWindowMs: -1, surprise: true } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBeTruthy();
  });

  it("shows webhook deliveries and forgets everything on reset", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex, autoActivate: true });
    const deliveries = (await h.call("GET", `/_sim/webhook-deliveries?subscriptionId=${p.subscriptionId}`)).body.deliveries;
    expect(deliveries).toEqual([expect.objectContaining({ subscriptionId: p.subscriptionId, action: "Subscribe", url: h.webhooks.url })]);
    expect((await h.call("GET", "/_sim/webhook-deliveries?limit=0")).status).toBe(400);
    await h.reset();
    expect((await h.call("GET", "/_sim/subscriptions")).body.subscriptions).toEqual([]);
    expect((await h.call("GET", "/_sim/webhook-deliveries")).body.deliveries).toEqual([]);
    const resolved = await h.call("POST", `/saas/subscriptions/resolve?${V}`, { headers: { "x-ms-marketplace-token": p.token } });
    expect(resolved.status).toBe(400);
  });

  it("answers 404 for unknown control endpoints", async () => {
    expect((await h.call("GET", "/_sim/nothing")).status).toBe(404);
    expect((await h.call("DELETE", "/_sim/offers")).status).toBe(404);
  });
});
