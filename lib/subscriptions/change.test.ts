import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases } from "@/test/db";
import { alex, API, buy, checkedFetch, startHarness, type SimHarness } from "marketplace-simulator/testing";
import { createMarketplaceClient, type MarketplaceClient } from "@/lib/marketplace";
import { listAuditEvents } from "@/db/queries/audit-events";
import { getOperationById } from "@/db/queries/operations";
import { getSubscriptionById, updateSubscription, upsertSubscription } from "@/db/queries/subscriptions";
import { subscriptionValues } from "./from-marketplace";
import { cancelSubscription, changePlan, changeQuantity } from "./change";
import type { Actor } from "./activate";
import { processDueInboxItems } from "@/lib/jobs/webhook-worker";
import { ingestNotification } from "@/lib/webhook/ingest";
import { parseNotification } from "@/lib/webhook/payload";

const actor: Actor = { type: "staff", id: randomUUID(), email: "operator@isv.example" };

describe.each(testDatabases("one"))("publisher-started changes against the simulator on %s", (kind) => {
  let h: SimHarness;
  let client: MarketplaceClient;
  beforeAll(async () => {
    h = await startHarness(kind);
    client = createMarketplaceClient({
      baseUrl: API,
      fetch: (input, init) => checkedFetch(new Request(input, init)),
      getToken: () => h.mintToken(),
      retry: { maxAttempts: 1 },
    });
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset({ operationDelayMs: 60_000 }));

  /** Bought and activated at Microsoft, and known to the portal as active. */
  async function active(body: Record<string, unknown>) {
    const { subscriptionId } = await buy(h, { purchaser: alex, autoActivate: true, ...body });
    await upsertSubscription(h.db.db, subscriptionValues(await client.getSubscription(subscriptionId)));
    await updateSubscription(h.db.db, subscriptionId, { provisioningState: "active" });
    return subscriptionId;
  }
  const deps = () => ({ db: h.db.db, client });
  const patches = async (id: string) => (await h.call("GET", `/_sim/subscriptions/${id}`)).body.apiCalls.patch as number;

  it("records a plan change as an InProgress Partner operation and changes nothing yet", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "starter" });
    const result = await changePlan(deps(), { subscriptionId: id, planId: "professional", actor });
    expect(result).toMatchObject({
      ok: true,
      operation: {
        action: "ChangePlan",
        status: "InProgress",
        source: "Partner",
        requestedPlanId: "professional",
        requestedBy: "operator@isv.example",
      },
    });
    const op = result.ok ? result.operation : undefined;
    expect(op?.operationLocation).toMatch(new RegExp(`/saas/subscriptions/${id}/operations/${op?.id}\\?api-version=2018-08-31$`));
    expect((await getSubscriptionById(h.db.db, id))?.planId).toBe("starter");
    const [event] = await listAuditEvents(h.db.db, { targetType: "subscription", targetId: id });
    expect(event).toMatchObject({
      action: "subscription.plan_change_requested",
      actorType: "staff",
      actorEmail: actor.email,
      changes: { planId: { from: "starter", to: "professional" } },
      metadata: { operationId: op?.id },
    });

    // Microsoft locks the subscription while the operation is pending; so does the portal, without calling.
    const again = await changeQuantity(deps(), { subscriptionId: id, quantity: 3, actor });
    expect(again).toMatchObject({ ok: false, reason: "busy" });
    expect(await cancelSubscription(deps(), { subscriptionId: id, reason: "x", actor })).toMatchObject({ ok: false, reason: "busy" });
    expect(await patches(id)).toBe(1);
  });

  it("checks plans against listAvailablePlans and quantities against the plan's limits before calling PATCH", async () => {
    const flat = await active({ offerId: "contoso-analytics", planId: "starter" });
    expect(await changePlan(deps(), { subscriptionId: flat, planId: "starter", actor })).toMatchObject({
      ok: false,
      reason: "invalid",
      field: "planId",
    });
    expect(await changePlan(deps(), { subscriptionId: flat, planId: "fabrikam-enterprise", actor })).toMatchObject({
      ok: false,
      reason: "invalid",
      field: "planId",
    });
    expect(await changeQuantity(deps(), { subscriptionId: flat, quantity: 5, actor })).toMatchObject({
      ok: false,
      reason: "invalid",
      field: "quantity",
    });
    expect(await patches(flat)).toBe(0);

    const seats = await active({ offerId: "contoso-teamwork", planId: "business", quantity: 10 });
    expect(await changeQuantity(deps(), { subscriptionId: seats, quantity: 4, actor })).toMatchObject({
      ok: false,
      field: "quantity",
      message: expect.stringMatching(/5 to 5000 seats/),
    });
    expect(await changeQuantity(deps(), { subscriptionId: seats, quantity: 10, actor })).toMatchObject({ ok: false, field: "quantity" });
    expect(await patches(seats)).toBe(0);
    const ok = await changeQuantity(deps(), { subscriptionId: seats, quantity: 25, actor });
    expect(ok).toMatchObject({ ok: true, operation: { action: "ChangeQuantity", requestedQuantity: 25 } });
  });

  it("refuses subscriptions that are not active, unknown, or CSP purchases", async () => {
    const { subscriptionId: pending } = await buy(h, { purchaser: alex, offerId: "contoso-analytics", planId: "starter" });
    await upsertSubscription(h.db.db, subscriptionValues(await client.getSubscription(pending)));
    expect(await changePlan(deps(), { subscriptionId: pending, planId: "professional", actor })).toMatchObject({
      ok: false,
      reason: "not-allowed",
    });
    expect(await changePlan(deps(), { subscriptionId: randomUUID(), planId: "professional", actor })).toMatchObject({
      ok: false,
      reason: "not-found",
    });
    const csp = await active({ offerId: "contoso-analytics", planId: "starter", csp: true });
    expect(await changePlan(deps(), { subscriptionId: csp, planId: "professional", actor })).toMatchObject({
      ok: false,
      reason: "not-allowed",
    });
    expect(await cancelSubscription(deps(), { subscriptionId: csp, reason: "x", actor })).toMatchObject({
      ok: false,
      reason: "not-allowed",
    });
  });

  it("reports Microsoft's refusal and records it, when the portal's view is out of date", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "starter" });
    // Suspended at Microsoft; the portal has not heard yet.
    expect((await h.call("POST", `/_sim/subscriptions/${id}/suspend`)).status).toBe(200);
    const result = await changePlan(deps(), { subscriptionId: id, planId: "professional", actor });
    expect(result).toMatchObject({ ok: false, reason: "rejected", message: expect.stringMatching(/^Microsoft refused the request/) });
    const [event] = await listAuditEvents(h.db.db, { targetType: "subscription", targetId: id });
    expect(event).toMatchObject({ action: "subscription.change_refused", metadata: { action: "ChangePlan", status: 400 } });
    expect(event?.requestId).toBeTruthy();
  });

  it("starts a cancellation with DELETE and keeps the reason", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "professional" });
    const result = await cancelSubscription(deps(), { subscriptionId: id, reason: "Customer asked by e-mail", actor });
    expect(result).toMatchObject({ ok: true, operation: { action: "Unsubscribe", status: "InProgress", source: "Partner" } });
    const op = await getOperationById(h.db.db, result.ok ? result.operation.id : "");
    expect(op?.completedAt).toBeNull();
    expect((await getSubscriptionById(h.db.db, id))?.status).toBe("Subscribed");
    const [event] = await listAuditEvents(h.db.db, { targetType: "subscription", targetId: id });
    expect(event).toMatchObject({ action: "subscription.cancellation_requested", metadata: { reason: "Customer asked by e-mail" } });
  });

  it("finds a change whose reply was lost among Microsoft's pending operations, and records it once", async () => {
    const id = await active({ offerId: "contoso-analytics", planId: "starter" });
    await h.call("PUT", "/_sim/faults", {
      body: { rules: [{ endpoint: "updateSubscription", count: 1, effect: { type: "drop", when: "after" } }] },
    });
    const result = await changePlan(deps(), { subscriptionId: id, planId: "professional", actor });
    expect(result).toMatchObject({ ok: true, operation: { action: "ChangePlan", status: "InProgress", source: "Partner" } });
    expect(await patches(id)).toBe(1);
  });

  it("says Microsoft did not confirm, never that nothing changed, and the later notification keeps source Partner", async () => {
    await h.reset({ operationDelayMs: 0 });
    const id = await active({ offerId: "contoso-analytics", planId: "starter" });
    await h.call("PUT", "/_sim/faults", {
      body: { rules: [{ endpoint: "updateSubscription", count: 1, effect: { type: "drop", when: "after" } }] },
    });
    const before = h.webhooks.received.length;
    const result = await changePlan(deps(), { subscriptionId: id, planId: "professional", actor });
    expect(result).toMatchObject({
      ok: false,
      reason: "unconfirmed",
      message: expect.stringMatching(/^Microsoft did not confirm the change; checking/),
    });
    expect(result.ok ? "" : result.message).not.toMatch(/nothing was changed/);
    const events = await listAuditEvents(h.db.db, { targetType: "subscription", targetId: id });
    expect(events.map((e) => e.action)).toContain("subscription.change_unconfirmed");

    const webhook = h.webhooks.received[before]?.payload;
    expect(webhook).toMatchObject({ action: "ChangePlan", operationRequestSource: "Partner" });
    const parsed = parseNotification(webhook);
    if (!parsed.ok) throw new Error(parsed.reason);
    await ingestNotification(h.db.db, parsed.notification);
    await processDueInboxItems(h.db.db, client, { log: { warn: () => {}, error: () => {} } });
    expect(await getOperationById(h.db.db, parsed.notification.operationId)).toMatchObject({ source: "Partner" });
    expect((await getSubscriptionById(h.db.db, id))?.planId).toBe("professional");
  });
});
