import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDatabases } from "@/test/db";
import { alex, kim } from "marketplace-simulator/testing";
import type { PortalUser } from "@/lib/auth";
import { listAuditEvents } from "@/db/queries/audit-events";
import { ensureOffer } from "@/db/queries/catalogue";
import { upsertSelfServiceSettings } from "@/db/queries/self-service";
import { getSubscriptionById, updateSubscription } from "@/db/queries/subscriptions";
import { loadBuyerActivity } from "./buyer-activity";
import { changeAsBuyer, selfServiceOptions } from "./self-service";
import { useChangeFixture } from "./testing/change-fixture";

const alexUser: PortalUser = { id: randomUUID(), email: alex.email, name: "Alex", tenantId: alex.tenantId };
const kimUser: PortalUser = { id: randomUUID(), email: kim.email, name: "Kim", tenantId: kim.tenantId };

describe.each(testDatabases("one"))("a buyer's own changes on %s", (kind) => {
  const f = useChangeFixture(kind, { operationDelayMs: 60_000 });
  const seats = (quantity = 10) => f.active({ offerId: "contoso-teamwork", planId: "business", quantity });

  it("changes seats once, audited as the buyer, and then locks the subscription", async () => {
    const id = await seats();
    expect(await changeAsBuyer(f.deps(), alexUser, { change: "seats", subscriptionId: id, quantity: 12 })).toMatchObject({ ok: true });
    expect((await f.apiCalls(id)).patch).toBe(1);
    const [event] = await listAuditEvents(f.h.db.db, { targetType: "subscription", targetId: id });
    expect(event).toMatchObject({
      action: "subscription.quantity_change_requested",
      actorType: "user",
      actorId: alexUser.id,
      actorEmail: alex.email,
      changes: { quantity: { from: 10, to: 12 } },
    });
    const [entry] = await loadBuyerActivity(f.h.db.db, id, alexUser);
    expect(entry).toMatchObject({ kind: "seatsRequested", who: "you", value: "12" });
    expect((await loadBuyerActivity(f.h.db.db, id, { ...alexUser, id: randomUUID() }))[0]).toMatchObject({ who: "someone" });

    // Replayed, or anything else while Microsoft completes it: refused without calling Microsoft.
    expect(await changeAsBuyer(f.deps(), alexUser, { change: "seats", subscriptionId: id, quantity: 12 })).toEqual({
      ok: false,
      code: "change-busy",
    });
    expect(await changeAsBuyer(f.deps(), alexUser, { change: "cancel", subscriptionId: id, reason: "" })).toMatchObject({
      code: "change-busy",
    });
    expect((await f.apiCalls(id)).patch).toBe(1);
    expect((await f.apiCalls(id)).delete ?? 0).toBe(0);
  });

  it("answers someone else's subscription and an unknown ID alike, and changes nothing", async () => {
    const id = await seats();
    const other = await changeAsBuyer(f.deps(), kimUser, { change: "cancel", subscriptionId: id, reason: "x" });
    const unknown = await changeAsBuyer(f.deps(), kimUser, { change: "cancel", subscriptionId: randomUUID(), reason: "x" });
    expect(other).toEqual({ ok: false, code: "subscription-unknown" });
    expect(unknown).toEqual(other);
    expect(await changeAsBuyer(f.deps(), kimUser, { change: "seats", subscriptionId: id, quantity: 11 })).toEqual(other);
    expect(await f.apiCalls(id)).toMatchObject({ patch: 0, delete: 0 });
    expect(await listAuditEvents(f.h.db.db, { targetType: "subscription", targetId: id })).toEqual([]);
  });

  it("keeps to the plan's seat range, the offer's settings and Microsoft's allowed operations", async () => {
    const id = await seats();
    expect(await changeAsBuyer(f.deps(), alexUser, { change: "seats", subscriptionId: id, quantity: 2 })).toMatchObject({
      ok: false,
      code: "change-invalid",
      field: "quantity",
      problem: "range",
      range: { min: 5, max: 5000 },
    });

    await ensureOffer(f.h.db.db, { id: "contoso-teamwork", displayName: "Contoso Teamwork" });
    await upsertSelfServiceSettings(f.h.db.db, "contoso-teamwork", { changeSeats: false, changePlan: true, cancel: false });
    const sub = (await getSubscriptionById(f.h.db.db, id))!;
    expect(await selfServiceOptions(f.h.db.db, sub)).toEqual({ seats: false, plan: true, cancel: false, locked: false });
    expect(await changeAsBuyer(f.deps(), alexUser, { change: "seats", subscriptionId: id, quantity: 12 })).toEqual({
      ok: false,
      code: "self-service-off",
    });
    expect(await changeAsBuyer(f.deps(), alexUser, { change: "cancel", subscriptionId: id, reason: "" })).toEqual({
      ok: false,
      code: "self-service-off",
    });

    // A CSP purchase: the customer's partner changes it, never the customer.
    await updateSubscription(f.h.db.db, id, { allowedCustomerOperations: ["Read"] });
    const csp = (await getSubscriptionById(f.h.db.db, id))!;
    expect(await selfServiceOptions(f.h.db.db, csp)).toMatchObject({ seats: false, plan: false, cancel: false });
    expect(await changeAsBuyer(f.deps(), alexUser, { change: "plan", subscriptionId: id, planId: "team" })).toEqual({
      ok: false,
      code: "change-not-allowed",
    });
    expect(await f.apiCalls(id)).toMatchObject({ patch: 0, delete: 0 });
  });
});
