import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { testDatabases } from "@/test/db";
import { alex, buy, startHarness, V, type SimHarness } from "../testing/harness";

describe.each(testDatabases("one"))("resolve and activate on %s", (kind) => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => {
    vi.useRealTimers();
    await h.reset();
  });

  const resolve = (token: string | undefined, opts: { contractDeviations?: RegExp[] } = {}) =>
    h.call("POST", `/saas/subscriptions/resolve?${V}`, {
      headers: token === undefined ? {} : { "x-ms-marketplace-token": token },
      ...opts,
    });

  it("resolves a purchase token into the pending subscription", async () => {
    const p = await buy(h, { offerId: "contoso-teamwork", planId: "team", quantity: 12, purchaser: alex });
    expect(p.landingUrl).toBe(`http://localhost:3000/landing?token=${encodeURIComponent(p.token)}`);
    expect(p.token).toMatch(/[+/]/);
    const res = await resolve(p.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: p.subscriptionId, offerId: "contoso-teamwork", planId: "team", quantity: 12 });
    expect(res.body.subscription.saasSubscriptionStatus).toBe("PendingFulfillmentStart");
    // Term dates appear only once the subscription is activated.
    expect(res.body.subscription.term).toEqual({ termUnit: "P1M" });
    expect(res.body.subscription.beneficiary).toEqual(res.body.subscription.purchaser);
    expect(res.headers.get("x-ms-requestid")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses missing, malformed, unknown, URL-encoded and expired tokens with 400", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex });
    expect((await resolve(undefined)).status).toBe(400);
    expect((await resolve("not a token!")).status).toBe(400);
    expect((await resolve("QUJD")).status).toBe(400);
    expect((await resolve(encodeURIComponent(p.token))).status).toBe(400);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 24 * 3600_000 + 1000);
    const expired = await resolve(p.token);
    expect(expired.status).toBe(400);
    expect(expired.body.message).toMatch(/expired/);
  });

  it("echoes the caller's request and correlation IDs", async () => {
    const ids = { "x-ms-requestid": "11111111-2222-4333-8444-555555555555", "x-ms-correlationid": "66666666-7777-4888-9999-000000000000" };
    const res = await h.call("GET", `/saas/subscriptions?${V}`, {
      headers: ids,
      contractDeviations: [/documents a JSON body, none was sent/],
    });
    expect(res.headers.get("x-ms-requestid")).toBe(ids["x-ms-requestid"]);
    expect(res.headers.get("x-ms-correlationid")).toBe(ids["x-ms-correlationid"]);
  });

  it("activates a pending subscription with a term starting today at 00:00Z, once", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "enterprise", termUnit: "P3Y", purchaser: alex });
    const activate = () => h.call("POST", `/saas/subscriptions/${p.subscriptionId}/activate?${V}`, { body: { planId: "enterprise" } });
    expect((await activate()).status).toBe(200);
    const sub = (await h.call("GET", `/saas/subscriptions/${p.subscriptionId}?${V}`)).body;
    expect(sub.saasSubscriptionStatus).toBe("Subscribed");
    const today = new Date();
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
    expect(sub.term.startDate).toBe(start.toISOString());
    const end = new Date(Date.UTC(start.getUTCFullYear() + 3, start.getUTCMonth(), start.getUTCDate()) - 86400_000);
    expect(sub.term).toMatchObject({ termUnit: "P3Y", endDate: end.toISOString() });
    // Repeating activate (e.g. after a lost response) is harmless.
    expect((await activate()).status).toBe(200);
    const again = (await h.call("GET", `/saas/subscriptions/${p.subscriptionId}?${V}`)).body;
    expect(again.term).toEqual(sub.term);
    const counts = (await h.call("GET", `/_sim/subscriptions/${p.subscriptionId}`)).body.apiCalls;
    expect(counts).toMatchObject({ activate: 2, get: 2, resolve: 0 });
  });

  it("marks a free-trial plan's subscription as in trial on activation", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex });
    await h.call("POST", `/saas/subscriptions/${p.subscriptionId}/activate?${V}`, { body: { planId: "starter" } });
    const sub = (await h.call("GET", `/saas/subscriptions/${p.subscriptionId}?${V}`)).body;
    expect(sub.isFreeTrial).toBe(true);
  });

  it("refuses to activate a suspended (400), unsubscribed or unknown (404) subscription", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "professional", purchaser: alex, autoActivate: true });
    expect((await h.call("POST", `/_sim/subscriptions/${p.subscriptionId}/suspend`)).status).toBe(200);
    const suspended = await h.call("POST", `/saas/subscriptions/${p.subscriptionId}/activate?${V}`, { body: { planId: "professional" } });
    expect(suspended.status).toBe(400);
    expect((await h.call("POST", `/_sim/subscriptions/${p.subscriptionId}/unsubscribe`)).status).toBe(200);
    expect(
      (await h.call("POST", `/saas/subscriptions/${p.subscriptionId}/activate?${V}`, { body: { planId: "professional" } })).status,
    ).toBe(404);
    const unknown = await h.call("POST", `/saas/subscriptions/0b0e0000-0000-4000-8000-000000000000/activate?${V}`, {
      body: { planId: "x" },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: "EntityNotFound" });
  });

  it("requires an activation body", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex });
    expect((await h.call("POST", `/saas/subscriptions/${p.subscriptionId}/activate?${V}`)).status).toBe(400);
    expect((await h.call("POST", `/saas/subscriptions/${p.subscriptionId}/activate?${V}`, { body: "{oops" })).status).toBe(400);
  });

  it("resolves in every status, including after cancellation", async () => {
    const p = await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex });
    await h.call("POST", `/_sim/subscriptions/${p.subscriptionId}/unsubscribe`);
    const res = await resolve(p.token);
    expect(res.status).toBe(200);
    expect(res.body.subscription.saasSubscriptionStatus).toBe("Unsubscribed");
    expect((await h.call("GET", `/_sim/subscriptions/${p.subscriptionId}`)).body.apiCalls.resolve).toBe(1);
  });
});
