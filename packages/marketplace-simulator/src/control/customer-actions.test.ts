import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases } from "@/test/db";
import { alex, buy, startHarness, travel, V, type SimHarness } from "../testing/harness";

describe.each(testDatabases("one"))("customer and Microsoft actions on %s", (kind) => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset({ rejectWindowMs: 10_000 }));

  async function active(body: Record<string, unknown> = { offerId: "contoso-analytics", planId: "starter" }) {
    const p = await buy(h, { purchaser: alex, autoActivate: true, ...body });
    h.webhooks.received.length = 0;
    return p.subscriptionId;
  }
  const act = (id: string, action: string, body?: unknown) => h.call("POST", `/_sim/subscriptions/${id}/${action}`, { body });
  const getSub = async (id: string) => (await h.call("GET", `/saas/subscriptions/${id}?${V}`)).body;
  const opUrl = (id: string, op: string) => `/saas/subscriptions/${id}/operations/${op}?${V}`;
  const sent = () => h.webhooks.received.map((w) => w.payload);

  it("announces an auto-activated purchase with a Subscribe webhook", async () => {
    const p = await buy(h, { offerId: "contoso-teamwork", planId: "team", quantity: 3, purchaser: alex, autoActivate: true });
    expect(p).toMatchObject({ status: "Subscribed", webhookStatus: 200 });
    const [hook] = sent();
    expect(hook).toMatchObject({
      action: "Subscribe",
      status: "Succeeded",
      operationRequestSource: "Azure",
      subscriptionId: p.subscriptionId,
      quantity: 3,
      purchaseToken: null,
    });
    expect(hook!.subscription.saasSubscriptionStatus).toBe("Subscribed");
    // The operation can be confirmed; `Subscribe` is newer than the spec's action enum.
    const op = await h.call("GET", opUrl(p.subscriptionId, hook!.id), {
      contractDeviations: [/action must be equal to one of the allowed values/],
    });
    expect(op.body).toMatchObject({ id: hook!.id, action: "Subscribe", status: "Succeeded" });
  });

  it("applies a customer's plan change when the publisher stays silent through the reject window", async () => {
    const id = await active();
    travel(0);
    const res = await act(id, "change-plan", { planId: "professional" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      webhookStatus: 200,
      operation: { action: "ChangePlan", status: "InProgress", planId: "professional" },
    });
    expect(sent()).toEqual([
      expect.objectContaining({
        action: "ChangePlan",
        status: "InProgress",
        operationRequestSource: "Azure",
        planId: "professional",
        subscription: expect.objectContaining({ planId: "starter" }),
      }),
    ]);
    const pending = await h.call("GET", `/saas/subscriptions/${id}/operations?${V}`);
    expect(pending.body.operations).toHaveLength(1);
    travel(9_000);
    expect((await getSub(id)).planId).toBe("starter");
    travel(1_001);
    expect((await getSub(id)).planId).toBe("professional");
    expect((await h.call("GET", opUrl(id, res.body.operation.id))).body.status).toBe("Succeeded");
  });

  it("accepts at once on PATCH Success; a second PATCH is a 409", async () => {
    const id = await active({ offerId: "contoso-teamwork", planId: "team", quantity: 5 });
    const op = (await act(id, "change-quantity", { quantity: 9 })).body.operation;
    expect((await h.call("PATCH", opUrl(id, op.id), { body: { status: "Success" } })).status).toBe(200);
    expect((await getSub(id)).quantity).toBe(9);
    expect((await h.call("PATCH", opUrl(id, op.id), { body: { status: "Success" } })).status).toBe(409);
  });

  it("reverts on PATCH Failure", async () => {
    const id = await active();
    const op = (await act(id, "change-plan", { planId: "enterprise" })).body.operation;
    expect((await h.call("PATCH", opUrl(id, op.id), { body: { status: "Failure" } })).status).toBe(200);
    travel(60_000);
    expect((await getSub(id)).planId).toBe("starter");
    expect((await h.call("GET", opUrl(id, op.id))).body).toMatchObject({ status: "Failed" });
  });

  it("reverts when the webhook answers 4xx", async () => {
    const id = await active();
    h.webhooks.answer = () => 400;
    const res = await act(id, "change-plan", { planId: "professional" });
    expect(res.body).toMatchObject({ webhookStatus: 400, operation: { status: "Failed" } });
    travel(60_000);
    expect((await getSub(id)).planId).toBe("starter");
  });

  it("lets a newer change win: the older operation answers 409 and ends in Conflict", async () => {
    const id = await active();
    const older = (await act(id, "change-plan", { planId: "professional" })).body.operation;
    const newer = (await act(id, "change-plan", { planId: "enterprise" })).body.operation;
    expect((await h.call("PATCH", opUrl(id, newer.id), { body: { status: "Success" } })).status).toBe(200);
    expect((await h.call("PATCH", opUrl(id, older.id), { body: { status: "Success" } })).status).toBe(409);
    expect((await h.call("GET", opUrl(id, older.id))).body.status).toBe("Conflict");
    expect((await getSub(id)).planId).toBe("enterprise");
  });

  it("validates operation updates: body (400), unknown operation (404)", async () => {
    const id = await active();
    const op = (await act(id, "change-plan", { planId: "professional" })).body.operation;
    expect((await h.call("PATCH", opUrl(id, op.id), { body: { status: "Maybe" } })).status).toBe(400);
    expect((await h.call("PATCH", opUrl(id, "0b0e0000-0000-4000-8000-000000000000"), { body: { status: "Success" } })).status).toBe(404);
    expect((await h.call("GET", opUrl(id, "0b0e0000-0000-4000-8000-000000000000"))).status).toBe(404);
    expect((await h.call("GET", `/saas/subscriptions/0b0e0000-0000-4000-8000-000000000000/operations?${V}`)).body).toEqual({
      operations: [],
    });
  });

  it("suspends at once and notifies; reinstates through an InProgress operation", async () => {
    const id = await active();
    expect((await act(id, "suspend")).body.operation).toMatchObject({ action: "Suspend", status: "Succeeded" });
    expect((await getSub(id)).saasSubscriptionStatus).toBe("Suspended");
    expect(sent()[0]).toMatchObject({ action: "Suspend", status: "Succeeded", subscription: { saasSubscriptionStatus: "Subscribed" } });
    expect((await act(id, "suspend")).status).toBe(409);
    travel(0);
    const reinstate = (await act(id, "reinstate")).body.operation;
    expect(reinstate).toMatchObject({ action: "Reinstate", status: "InProgress" });
    expect(sent()[1]).toMatchObject({ action: "Reinstate", status: "InProgress" });
    expect((await getSub(id)).saasSubscriptionStatus).toBe("Suspended");
    travel(10_001);
    expect((await getSub(id)).saasSubscriptionStatus).toBe("Subscribed");
  });

  it("keeps a subscription suspended when the publisher declines a reinstatement", async () => {
    const id = await active();
    await act(id, "suspend");
    const op = (await act(id, "reinstate")).body.operation;
    expect((await h.call("PATCH", opUrl(id, op.id), { body: { status: "Failure" } })).status).toBe(200);
    travel(60_000);
    expect((await getSub(id)).saasSubscriptionStatus).toBe("Suspended");
  });

  it("renews: the term rolls forward to the day after the old end, and a trial converts", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "starter", termUnit: "P1Y" });
    const before = await getSub(id);
    expect(before.isFreeTrial).toBe(true);
    expect((await act(id, "renew")).body.operation).toMatchObject({ action: "Renew", status: "Succeeded" });
    const after = await getSub(id);
    expect(new Date(after.term.startDate).getTime()).toBe(new Date(before.term.endDate).getTime() + 86400_000);
    const start = new Date(after.term.startDate);
    expect(after.term.endDate).toBe(
      new Date(Date.UTC(start.getUTCFullYear() + 1, start.getUTCMonth(), start.getUTCDate()) - 86400_000).toISOString(),
    );
    expect(after.isFreeTrial).toBe(false);
    expect(sent()[0]).toMatchObject({ action: "Renew", status: "Succeeded", subscription: { term: before.term } });
  });

  it("unsubscribes from any live status and refuses a second time", async () => {
    const pending = (await buy(h, { offerId: "contoso-analytics", planId: "starter", purchaser: alex })).subscriptionId;
    expect((await act(pending, "unsubscribe")).status).toBe(200);
    expect((await getSub(pending)).saasSubscriptionStatus).toBe("Unsubscribed");
    expect(sent()[0]).toMatchObject({
      action: "Unsubscribe",
      status: "Succeeded",
      subscription: { saasSubscriptionStatus: "PendingFulfillmentStart" },
    });
    expect((await act(pending, "unsubscribe")).status).toBe(409);
    expect((await act(pending, "renew")).status).toBe(409);
  });

  it("refuses invalid customer changes with field errors", async () => {
    const id = await active();
    const res = await act(id, "change-plan", {});
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors).toHaveProperty("planId");
    expect((await act(id, "change-plan", { planId: "starter" })).status).toBe(400);
    expect((await act(id, "change-quantity", { quantity: 3 })).status).toBe(400);
    expect((await act("0b0e0000-0000-4000-8000-000000000000", "suspend")).status).toBe(404);
    expect((await act(id, "explode")).status).toBe(404);
  });

  it("issues a fresh landing token for Manage account", async () => {
    const id = await active();
    const res = await act(id, "manage-account");
    expect(res.body.landingUrl).toBe(`http://localhost:3000/landing?token=${encodeURIComponent(res.body.token)}`);
    const resolved = await h.call("POST", `/saas/subscriptions/resolve?${V}`, { headers: { "x-ms-marketplace-token": res.body.token } });
    expect(resolved.body).toMatchObject({ id, subscription: { saasSubscriptionStatus: "Subscribed" } });
  });
});
