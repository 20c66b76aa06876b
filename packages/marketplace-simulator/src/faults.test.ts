import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases } from "@/test/db";
import { SimulatedConnectionDrop } from "./faults";
import { alex, API, buy, checkedFetch, startHarness, V, type SimHarness } from "./testing/harness";

describe.each(testDatabases("one"))("fault injection on %s", (kind) => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset());

  const setFaults = async (rules: unknown[]) => {
    const res = await h.call("PUT", "/_sim/faults", { body: { rules } });
    expect(res.status, res.text).toBe(200);
    return res.body.rules;
  };

  it("answers 429 with Retry-After for a counted number of calls, then recovers", async () => {
    await setFaults([{ endpoint: "listSubscriptions", count: 2, effect: { type: "status", status: 429, retryAfterSeconds: 7 } }]);
    const deviation = { contractDeviations: [/does not document status 429/] };
    for (let i = 0; i < 2; i++) {
      const res = await h.call("GET", `/saas/subscriptions?${V}`, deviation);
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("7");
    }
    const ok = await h.call("GET", `/saas/subscriptions?${V}`, { contractDeviations: [/none was sent/] });
    expect(ok.status).toBe(200);
    expect((await h.call("GET", "/_sim/faults")).body.rules[0]).toMatchObject({ endpoint: "listSubscriptions", remaining: 0 });
  });

  it("answers 500 with the spec's error body and 503 on the endpoints named", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex });
    await setFaults([
      { endpoint: "activate", effect: { type: "status", status: 500 } },
      { endpoint: "getSubscription", effect: { type: "status", status: 503, retryAfterSeconds: 2 } },
    ]);
    const act = await h.call("POST", `/saas/subscriptions/${p.subscriptionId}/activate?${V}`, { body: { planId: "starter" } });
    expect(act.status).toBe(500);
    expect(act.body.error.code).toBe("InternalServerError");
    const get = await h.call("GET", `/saas/subscriptions/${p.subscriptionId}?${V}`, {
      contractDeviations: [/does not document status 503/],
    });
    expect(get.status).toBe(503);
    expect(get.headers.get("retry-after")).toBe("2");
    // The faulted activate never reached the subscription.
    const resolved = await h.call("POST", `/saas/subscriptions/resolve?${V}`, { headers: { "x-ms-marketplace-token": p.token } });
    expect(resolved.body.subscription.saasSubscriptionStatus).toBe("PendingFulfillmentStart");
  });

  it("adds latency", async () => {
    await setFaults([{ endpoint: "*", effect: { type: "latency", ms: 300 } }]);
    const started = Date.now();
    const res = await h.call("GET", `/saas/subscriptions?${V}`, { contractDeviations: [/none was sent/] });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("drops the connection before the request is processed", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex });
    await setFaults([{ endpoint: "activate", count: 1, effect: { type: "drop" } }]);
    const token = await h.mintToken();
    const request = () =>
      new Request(`${API}/saas/subscriptions/${p.subscriptionId}/activate?${V}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({ planId: "starter" }),
      });
    // Rejects like fetch does on a network failure: a TypeError, no Response at all.
    const dropped = checkedFetch(request());
    await expect(dropped).rejects.toBeInstanceOf(SimulatedConnectionDrop);
    await expect(dropped).rejects.toThrow(TypeError);
    expect((await h.call("GET", `/_sim/subscriptions/${p.subscriptionId}`)).body.saasSubscriptionStatus).toBe("PendingFulfillmentStart");
    expect((await checkedFetch(request())).status).toBe(200);
  });

  it("drops the connection after processing, so a retry must be idempotent", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex });
    await setFaults([{ endpoint: "activate", count: 1, effect: { type: "drop", when: "after" } }]);
    const token = await h.mintToken();
    const request = () =>
      new Request(`${API}/saas/subscriptions/${p.subscriptionId}/activate?${V}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({ planId: "starter" }),
      });
    await expect(checkedFetch(request())).rejects.toBeInstanceOf(SimulatedConnectionDrop);
    expect((await h.call("GET", `/_sim/subscriptions/${p.subscriptionId}`)).body.saasSubscriptionStatus).toBe("Subscribed");
    expect((await checkedFetch(request())).status).toBe(200);
  });

  it("fires at the configured rate", async () => {
    await setFaults([{ endpoint: "listSubscriptions", rate: 0, effect: { type: "status", status: 500 } }]);
    for (let i = 0; i < 5; i++)
      expect((await h.call("GET", `/saas/subscriptions?${V}`, { contractDeviations: [/none was sent/] })).status).toBe(200);
  });

  it("validates rules and clears them on reset", async () => {
    const bad = await h.call("PUT", "/_sim/faults", {
      body: { rules: [{ endpoint: "everything", effect: { type: "status", status: 418 } }] },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fieldErrors)).toEqual(expect.arrayContaining(["rules.0.endpoint"]));
    await setFaults([{ endpoint: "usageEvent", effect: { type: "status", status: 503 } }]);
    await h.reset();
    expect((await h.call("GET", "/_sim/faults")).body).toEqual({ rules: [] });
  });
});
