import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { getSubscriptionById, listSubscriptionsForBuyer, updateSubscription, upsertSubscription } from "./subscriptions";
import { insertAuditEvent, listAuditEvents } from "./audit-events";
import { pingDatabase } from "./health";

describe.each(testDatabases("both"))("subscription and audit queries on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  const base = () => ({
    id: randomUUID(),
    name: "Contoso analytics",
    offerId: "contoso-analytics",
    planId: "basic",
    status: "PendingFulfillmentStart" as const,
    purchaserEmail: "alex@contoso.example",
    purchaserTenantId: randomUUID(),
  });

  it("answers a ping", async () => {
    await expect(pingDatabase(t.db)).resolves.toBeUndefined();
  });

  it("upserts from the marketplace without touching the portal's provisioning columns", async () => {
    const values = base();
    const first = await upsertSubscription(t.db, values);
    expect(first.provisioningState).toBe("new");
    expect(first.allowedCustomerOperations).toEqual(["Read", "Update", "Delete"]);
    await updateSubscription(t.db, values.id, { provisioningState: "active", onboardingValues: { company: "Contoso" } });

    const again = await upsertSubscription(t.db, { ...values, status: "Subscribed", planId: "gold", quantity: 5 });
    expect(again.status).toBe("Subscribed");
    expect(again.planId).toBe("gold");
    expect(again.quantity).toBe(5);
    expect(again.provisioningState).toBe("active");
    expect(again.onboardingValues).toEqual({ company: "Contoso" });
    expect((await getSubscriptionById(t.db, values.id))?.planId).toBe("gold");
  });

  it("lists a buyer's subscriptions by tenant and object ID, never by e-mail", async () => {
    const [tenant, other, oid, confirmer] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const org = await upsertSubscription(t.db, { ...base(), purchaserTenantId: tenant });
    const forMe = await upsertSubscription(t.db, {
      ...base(),
      purchaserTenantId: other,
      beneficiaryObjectId: oid,
      purchaserEmail: "x@other.example",
    });
    const confirmed = await upsertSubscription(t.db, { ...base(), purchaserTenantId: other });
    await updateSubscription(t.db, confirmed.id, { confirmedByObjectId: confirmer.toUpperCase() });
    const sameEmail = await upsertSubscription(t.db, { ...base(), purchaserTenantId: other, purchaserEmail: "kim@fabrikam.example" });

    const ids = async (scope: { tenantId: string | null; objectId: string | null }) =>
      (await listSubscriptionsForBuyer(t.db, scope)).map((s) => s.id).sort();
    expect(await ids({ tenantId: tenant, objectId: null })).toEqual([org.id]);
    expect(await ids({ tenantId: null, objectId: oid })).toEqual([forMe.id]);
    expect(await ids({ tenantId: null, objectId: confirmer })).toEqual([confirmed.id]);
    expect(await ids({ tenantId: null, objectId: null })).toEqual([]);
    expect(await ids({ tenantId: randomUUID(), objectId: randomUUID() })).not.toContain(sameEmail.id);
  });

  it("rejects a status Microsoft does not define", async () => {
    await expect(upsertSubscription(t.db, { ...base(), status: "Active" as never })).rejects.toThrow();
  });

  it("keeps audit events in order, inside a transaction with the change", async () => {
    const values = base();
    await t.db.transaction(async (tx) => {
      await upsertSubscription(tx, values);
      await insertAuditEvent(tx, {
        actorType: "system",
        action: "subscription.imported",
        targetType: "subscription",
        targetId: values.id,
        changes: { status: { from: null, to: "PendingFulfillmentStart" } },
        requestId: "req-1",
      });
    });
    await expect(
      t.db.transaction(async (tx) => {
        await insertAuditEvent(tx, {
          actorType: "system",
          action: "subscription.changed",
          targetType: "subscription",
          targetId: values.id,
        });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const events = await listAuditEvents(t.db, { targetType: "subscription", targetId: values.id });
    expect(events.map((e) => e.action)).toEqual(["subscription.imported"]);
    expect(events[0]?.changes).toEqual({ status: { from: null, to: "PendingFulfillmentStart" } });
  });
});
