import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDatabases } from "@/test/db";
import { alex, buy } from "marketplace-simulator/testing";
import { listAuditEvents } from "@/db/queries/audit-events";
import { getOperationById } from "@/db/queries/operations";
import { getSubscriptionById, upsertSubscription } from "@/db/queries/subscriptions";
import { subscriptionValues } from "./from-marketplace";
import { cancelSubscription, changePlan, changeQuantity } from "./change";
import type { Actor } from "./activate";
import { processDueInboxItems } from "@/lib/jobs/webhook-worker";
import { ingestNotification } from "@/lib/webhook/ingest";
import { parseNotification } from "@/lib/webhook/payload";
import { useChangeFixture } from "./testing/change-fixture";

const actor: Actor = { type: "staff", id: randomUUID(), email: "operator@isv.example" };

describe.each(testDatabases("one"))("publisher-started changes against the simulator on %s", (kind) => {
  const f = useChangeFixture(kind, { operationDelayMs: 60_000 });
  const patches = async (id: string) => (await f.apiCalls(id)).patch;

  it("records a plan change as an InProgress Partner operation and changes nothing yet", async () => {
    const id = await f.active({ offerId: "contoso-analytics", planId: "starter" });
    const result = await changePlan(f.deps(), { subscriptionId: id, planId: "professional", actor });
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
    expect((await getSubscriptionById(f.h.db.db, id))?.planId).toBe("starter");
    const [event] = await listAuditEvents(f.h.db.db, { targetType: "subscription", targetId: id });
    expect(event).toMatchObject({
      action: "subscription.plan_change_requested",
      actorType: "staff",
      actorEmail: actor.email,
      changes: { planId: { from: "starter", to: "professional" } },
      metadata: { operationId: op?.id },
    });

    // Microsoft locks the subscription while the operation is pending; so does the portal, without calling.
    const again = await changeQuantity(f.deps(), { subscriptionId: id, quantity: 3, actor });
    expect(again).toMatchObject({ ok: false, reason: "busy" });
    expect(await cancelSubscription(f.deps(), { subscriptionId: id, reason: "x", actor })).toMatchObject({ ok: false, reason: "busy" });
    expect(await patches(id)).toBe(1);
  });

  it("checks plans against listAvailablePlans and quantities against the plan's limits before calling PATCH", async () => {
    const flat = await f.active({ offerId: "contoso-analytics", planId: "starter" });
    expect(await changePlan(f.deps(), { subscriptionId: flat, planId: "starter", actor })).toMatchObject({
      ok: false,
      reason: "invalid",
      field: "planId",
    });
    expect(await changePlan(f.deps(), { subscriptionId: flat, planId: "fabrikam-enterprise", actor })).toMatchObject({
      ok: false,
      reason: "invalid",
      field: "planId",
    });
    expect(await changeQuantity(f.deps(), { subscriptionId: flat, quantity: 5, actor })).toMatchObject({
      ok: false,
      reason: "invalid",
      field: "quantity",
    });
    expect(await patches(flat)).toBe(0);

    const seats = await f.active({ offerId: "contoso-teamwork", planId: "business", quantity: 10 });
    expect(await changeQuantity(f.deps(), { subscriptionId: seats, quantity: 4, actor })).toMatchObject({
      ok: false,
      field: "quantity",
      message: expect.stringMatching(/5 to 5000 seats/),
    });
    expect(await changeQuantity(f.deps(), { subscriptionId: seats, quantity: 10, actor })).toMatchObject({ ok: false, field: "quantity" });
    expect(await patches(seats)).toBe(0);
    const ok = await changeQuantity(f.deps(), { subscriptionId: seats, quantity: 25, actor });
    expect(ok).toMatchObject({ ok: true, operation: { action: "ChangeQuantity", requestedQuantity: 25 } });
  });

  it("refuses subscriptions that are not active, unknown, or CSP purchases", async () => {
    const { subscriptionId: pending } = await buy(f.h, { purchaser: alex, offerId: "contoso-analytics", planId: "starter" });
    await upsertSubscription(f.h.db.db, subscriptionValues(await f.client.getSubscription(pending)));
    expect(await changePlan(f.deps(), { subscriptionId: pending, planId: "professional", actor })).toMatchObject({
      ok: false,
      reason: "not-allowed",
    });
    expect(await changePlan(f.deps(), { subscriptionId: randomUUID(), planId: "professional", actor })).toMatchObject({
      ok: false,
      reason: "not-found",
    });
    const csp = await f.active({ offerId: "contoso-analytics", planId: "starter", csp: true });
    expect(await changePlan(f.deps(), { subscriptionId: csp, planId: "professional", actor })).toMatchObject({
      ok: false,
      reason: "not-allowed",
    });
    expect(await cancelSubscription(f.deps(), { subscriptionId: csp, reason: "x", actor })).toMatchObject({
      ok: false,
      reason: "not-allowed",
    });
  });

  it("reports Microsoft's refusal and records it, when the portal's view is out of date", async () => {
    const id = await f.active({ offerId: "contoso-analytics", planId: "starter" });
    // Suspended at Microsoft; the portal has not heard yet.
    expect((await f.h.call("POST", `/_sim/subscriptions/${id}/suspend`)).status).toBe(200);
    const result = await changePlan(f.deps(), { subscriptionId: id, planId: "professional", actor });
    expect(result).toMatchObject({ ok: false, reason: "rejected", message: expect.stringMatching(/^Microsoft refused the request/) });
    const [event] = await listAuditEvents(f.h.db.db, { targetType: "subscription", targetId: id });
    expect(event).toMatchObject({ action: "subscription.change_refused", metadata: { action: "ChangePlan", status: 400 } });
    expect(event?.requestId).toBeTruthy();
  });

  it("starts a cancellation with DELETE and keeps the reason", async () => {
    const id = await f.active({ offerId: "contoso-analytics", planId: "professional" });
    const result = await cancelSubscription(f.deps(), { subscriptionId: id, reason: "Customer asked by e-mail", actor });
    expect(result).toMatchObject({ ok: true, operation: { action: "Unsubscribe", status: "InProgress", source: "Partner" } });
    const op = await getOperationById(f.h.db.db, result.ok ? result.operation.id : "");
    expect(op?.completedAt).toBeNull();
    expect((await getSubscriptionById(f.h.db.db, id))?.status).toBe("Subscribed");
    const [event] = await listAuditEvents(f.h.db.db, { targetType: "subscription", targetId: id });
    expect(event).toMatchObject({ action: "subscription.cancellation_requested", metadata: { reason: "Customer asked by e-mail" } });
  });

  it("finds a change whose reply was lost among Microsoft's pending operations, and records it once", async () => {
    const id = await f.active({ offerId: "contoso-analytics", planId: "starter" });
    await f.h.call("PUT", "/_sim/faults", {
      body: { rules: [{ endpoint: "updateSubscription", count: 1, effect: { type: "drop", when: "after" } }] },
    });
    const result = await changePlan(f.deps(), { subscriptionId: id, planId: "professional", actor });
    expect(result).toMatchObject({ ok: true, operation: { action: "ChangePlan", status: "InProgress", source: "Partner" } });
    expect(await patches(id)).toBe(1);
  });

  it("says Microsoft did not confirm, never that nothing changed, and the later notification keeps source Partner", async () => {
    await f.h.reset({ operationDelayMs: 0 });
    const id = await f.active({ offerId: "contoso-analytics", planId: "starter" });
    await f.h.call("PUT", "/_sim/faults", {
      body: { rules: [{ endpoint: "updateSubscription", count: 1, effect: { type: "drop", when: "after" } }] },
    });
    const before = f.h.webhooks.received.length;
    const result = await changePlan(f.deps(), { subscriptionId: id, planId: "professional", actor });
    expect(result).toMatchObject({
      ok: false,
      reason: "unconfirmed",
      message: expect.stringMatching(/^Microsoft did not confirm the change; checking/),
    });
    expect(result.ok ? "" : result.message).not.toMatch(/nothing was changed/);
    const events = await listAuditEvents(f.h.db.db, { targetType: "subscription", targetId: id });
    expect(events.map((e) => e.action)).toContain("subscription.change_unconfirmed");

    const webhook = f.h.webhooks.received[before]?.payload;
    expect(webhook).toMatchObject({ action: "ChangePlan", operationRequestSource: "Partner" });
    const parsed = parseNotification(webhook);
    if (!parsed.ok) throw new Error(parsed.reason);
    await ingestNotification(f.h.db.db, parsed.notification);
    await processDueInboxItems(f.h.db.db, f.client, { log: { warn: () => {}, error: () => {} } });
    expect(await getOperationById(f.h.db.db, parsed.notification.operationId)).toMatchObject({ source: "Partner" });
    expect((await getSubscriptionById(f.h.db.db, id))?.planId).toBe("professional");
  });
});
