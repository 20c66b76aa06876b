import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases } from "@/test/db";
import { alex, buy, startHarness, travel, V, type SimHarness } from "../testing/harness";

describe.each(testDatabases("one"))("publisher-started changes on %s", (kind) => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset({ operationDelayMs: 400 }));

  async function active(body: Record<string, unknown>) {
    const p = await buy(h, { purchaser: alex, autoActivate: true, ...body });
    h.webhooks.received.length = 0;
    return p.subscriptionId;
  }
  const getSub = async (id: string) => (await h.call("GET", `/saas/subscriptions/${id}?${V}`)).body;
  const patch = (id: string, body: unknown, contractDeviations?: RegExp[]) =>
    h.call("PATCH", `/saas/subscriptions/${id}?${V}`, { body, contractDeviations });
  const poll = async (location: string) => (await h.call("GET", location)).body;

  it("changes the plan only once the operation succeeds: NotStarted, InProgress, Succeeded", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "starter" });
    travel(0);
    const res = await patch(id, { planId: "professional" });
    expect(res.status).toBe(202);
    const location = res.headers.get("operation-location")!;
    expect(location).toMatch(
      new RegExp(`^http://localhost:3000/api/simulator/saas/subscriptions/${id}/operations/[0-9a-f-]{36}\\?api-version=2018-08-31$`),
    );
    const first = await poll(location);
    expect(first).toMatchObject({
      action: "ChangePlan",
      planId: "professional",
      status: "NotStarted",
      subscriptionId: id,
      publisherId: "contoso-isv",
      offerId: "contoso-analytics",
    });
    expect((await getSub(id)).planId).toBe("starter");
    travel(250);
    expect((await poll(location)).status).toBe("InProgress");
    const pending = await h.call("GET", `/saas/subscriptions/${id}/operations?${V}`);
    expect(pending.body.operations.map((o: { id: string }) => o.id)).toEqual([first.id]);
    travel(250);
    expect((await poll(location)).status).toBe("Succeeded");
    const after = await getSub(id);
    expect(after.planId).toBe("professional");
    // Moving to a plan without a trial ends the trial.
    expect(after.isFreeTrial).toBe(false);
    expect((await h.call("GET", `/saas/subscriptions/${id}/operations?${V}`)).body).toEqual({ operations: [] });
    // Microsoft confirms a publisher's own change with a Partner webhook.
    expect(h.webhooks.received.map((w) => w.payload)).toEqual([
      expect.objectContaining({
        id: first.id,
        action: "ChangePlan",
        status: "Succeeded",
        operationRequestSource: "Partner",
        planId: "professional",
        subscription: expect.objectContaining({ planId: "starter" }),
      }),
    ]);
    expect(h.webhooks.received[0]!.authorization).toMatch(/^Bearer ey/);
  });

  it("changes the quantity within the plan's limits", async () => {
    const id = await active({ offerId: "contoso-teamwork", planId: "business", quantity: 10 });
    await h.call("PUT", "/_sim/config", { body: { operationDelayMs: 0 } });
    expect((await patch(id, { quantity: 4 })).status).toBe(400);
    expect((await patch(id, { quantity: 5001 })).status).toBe(400);
    expect((await patch(id, { quantity: 10 })).status).toBe(400);
    expect((await patch(id, { quantity: 25 })).status).toBe(202);
    expect((await getSub(id)).quantity).toBe(25);
    expect(h.webhooks.received.map((w) => [w.payload.action, w.payload.quantity, w.payload.subscription.quantity])).toEqual([
      ["ChangeQuantity", 25, 10],
    ]);
  });

  it("refuses invalid changes with 400", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "starter" });
    expect((await patch(id, { planId: "professional", quantity: 3 })).status).toBe(400);
    expect((await patch(id, {})).status).toBe(400);
    expect((await patch(id, { planId: "starter" })).status).toBe(400);
    expect((await patch(id, { planId: "fabrikam-enterprise" })).status).toBe(400);
    expect((await patch(id, { planId: "legacy-basic" })).status).toBe(400);
    expect((await patch(id, { planId: "team" })).status).toBe(400);
    expect((await patch(id, { quantity: 3 })).status).toBe(400);
    expect((await patch("0b0e0000-0000-4000-8000-000000000000", { planId: "professional" })).status).toBe(404);
    const pending = (await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex })).subscriptionId;
    expect((await patch(pending, { planId: "professional" })).status).toBe(400);
    await h.call("POST", `/_sim/subscriptions/${id}/suspend`);
    expect((await patch(id, { planId: "professional" })).status).toBe(400);
  });

  it("locks the subscription while an operation is pending", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "starter" });
    travel(0); // the clock stands still: the operation stays pending however slow the machine
    expect((await patch(id, { planId: "professional" })).status).toBe(202);
    expect((await patch(id, { planId: "enterprise" })).status).toBe(400);
    const del = await h.call("DELETE", `/saas/subscriptions/${id}?${V}`, { contractDeviations: [/does not document status 409/] });
    expect(del.status).toBe(409);
  });

  it("cancels with DELETE: 202, then Unsubscribed once the operation succeeds", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "professional" });
    travel(0);
    const res = await h.call("DELETE", `/saas/subscriptions/${id}?${V}`);
    expect(res.status).toBe(202);
    expect((await getSub(id)).saasSubscriptionStatus).toBe("Subscribed");
    travel(450);
    const op = await poll(res.headers.get("operation-location")!);
    expect(op).toMatchObject({ action: "Unsubscribe", status: "Succeeded" });
    expect((await getSub(id)).saasSubscriptionStatus).toBe("Unsubscribed");
    expect(
      h.webhooks.received.map((w) => [w.payload.action, w.payload.operationRequestSource, w.payload.subscription.saasSubscriptionStatus]),
    ).toEqual([["Unsubscribe", "Partner", "Subscribed"]]);
    // An unsubscribed subscription is gone for good.
    expect((await h.call("DELETE", `/saas/subscriptions/${id}?${V}`)).status).toBe(404);
  });

  it("refuses DELETE of a CSP purchase (Delete not allowed) with 400", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "starter", csp: true });
    expect((await getSub(id)).allowedCustomerOperations).toEqual(["Read"]);
    expect((await h.call("DELETE", `/saas/subscriptions/${id}?${V}`)).status).toBe(400);
    expect((await patch(id, { planId: "professional" })).status).toBe(400);
  });

  it("answers 500 to a PATCH of the publisher's own operation, as the real API", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "starter" });
    const res = await patch(id, { planId: "professional" });
    const res2 = await h.call("PATCH", res.headers.get("operation-location")!, { body: { status: "Success" } });
    expect(res2.status).toBe(500);
    expect(res2.body).toEqual({ error: { code: "InternalServerError", message: expect.any(String) } });
  });

  it("counts the publisher's calls per subscription and operation", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "starter" });
    await patch(id, { planId: "starter" });
    await patch(id, { planId: "professional" });
    await h.call("GET", `/saas/subscriptions/${id}/operations?${V}`);
    const counts = (await h.call("GET", `/_sim/subscriptions/${id}`)).body.apiCalls;
    expect(counts).toMatchObject({ patch: 2, listOperations: 1, delete: 0 });
  });
});
