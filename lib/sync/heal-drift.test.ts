import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { lockSubscription } from "@/db/queries/operations";
import { getSubscriptionById, updateSubscription } from "@/db/queries/subscriptions";
import { countDrift, getSyncSettings, listDriftGroups, saveAutoHealDrift } from "@/db/queries/sync";
import { auditEvents, marketplaceOperations } from "@/db/schema";
import { eventTypeFor } from "@/lib/outbound";
import { testDatabases } from "@/test/db";
import { healDrift } from "./accept-drift";
import { runSync } from "./run-sync";
import { updateAutoHealDrift } from "./schedule-settings";
import { useSyncFixture } from "./testing/fixture";

const owner = { type: "staff" as const, id: "5e1ec7ed-0000-4000-8000-00000000bbbb", email: "owner@isv.example" };

// Both databases: healing takes the per-subscription lock the webhook worker takes.
describe.each(testDatabases("both"))("a sync heals drift in Microsoft-owned fields on %s", (kind) => {
  const f = useSyncFixture(kind, { subscriptions: 3, autoHealDrift: true });
  const healedAudit = (id: string) =>
    f.h.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "subscription.drift_healed"), eq(auditEvents.targetId, id)));

  it("applies a missed Suspend and seat change by itself, audited as the system, with the outbound event it stands for", async () => {
    const [suspended, seats] = f.ids as [string, string];
    expect((await f.sim(suspended, "suspend")).status).toBe(200);
    expect((await f.sim(seats, "change-quantity", { quantity: 9 })).status).toBe(200);

    const run = await runSync(f.h.db.db, f.client);
    // The run still reports what it found; nothing is left for staff.
    expect(run).toMatchObject({ status: "succeeded", drifted: 2 });
    expect(await countDrift(f.h.db.db)).toEqual({ subscriptions: 0, fields: 0 });
    expect(await getSubscriptionById(f.h.db.db, suspended)).toMatchObject({ status: "Suspended", provisioningState: "suspended" });
    expect((await getSubscriptionById(f.h.db.db, seats))?.quantity).toBe(9);

    const [event] = await healedAudit(suspended);
    expect(event).toMatchObject({
      actorType: "system",
      actorId: "sync",
      changes: { status: { from: "Subscribed", to: "Suspended" }, provisioningState: { from: "active", to: "suspended" } },
      metadata: { runId: run!.id },
    });
    expect(eventTypeFor(event!)).toBe("subscription.suspended");
    const [changed] = await healedAudit(seats);
    expect(eventTypeFor(changed!)).toBe("subscription.changed");
    const [completed] = await f.h.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "sync.completed"), eq(auditEvents.targetId, run!.id)));
    expect(completed?.metadata).toMatchObject({ drifted: 2, healed: 2, healedFields: 2, conflicts: 0 });

    // The next sync finds nothing to do.
    expect(await runSync(f.h.db.db, f.client)).toMatchObject({ drifted: 0 });
  });

  it("leaves fields Microsoft does not own for staff, while healing the rest of the same subscription", async () => {
    const id = f.ids[1]!;
    await updateSubscription(f.h.db.db, id, { name: "Renamed here" });
    expect((await f.sim(id, "change-quantity", { quantity: 7 })).status).toBe(200);
    await runSync(f.h.db.db, f.client);
    expect(await getSubscriptionById(f.h.db.db, id)).toMatchObject({ quantity: 7, name: "Renamed here" });
    const groups = await listDriftGroups(f.h.db.db, {});
    expect(groups.map((g) => ({ id: g.subscriptionId, fields: g.drifts.map((d) => d.field) }))).toEqual([{ id, fields: ["name"] }]);
  });

  it("leaves drift for staff while a change the portal started is pending: that is a real conflict", async () => {
    const id = f.ids[0]!;
    await f.h.db.db.insert(marketplaceOperations).values({
      id: randomUUID(),
      subscriptionId: id,
      action: "ChangeQuantity",
      status: "InProgress",
      source: "Partner",
      requestedQuantity: 4,
    });
    expect((await f.sim(id, "suspend")).status).toBe(200);
    const run = await runSync(f.h.db.db, f.client);
    expect(await getSubscriptionById(f.h.db.db, id)).toMatchObject({ status: "Subscribed" });
    expect(await countDrift(f.h.db.db)).toEqual({ subscriptions: 1, fields: 1 });
    expect(await healedAudit(id)).toEqual([]);
    const [completed] = await f.h.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "sync.completed"), eq(auditEvents.targetId, run!.id)));
    expect(completed?.metadata).toMatchObject({ healed: 0, conflicts: 1 });
  });

  it("heals nothing when the owner turned it off, and the switch is audited", async () => {
    expect(await updateAutoHealDrift(f.h.db.db, false, owner)).toEqual({ changed: true });
    expect(await updateAutoHealDrift(f.h.db.db, false, owner)).toEqual({ changed: false });
    expect(await getSyncSettings(f.h.db.db)).toMatchObject({ autoHealDrift: false, updatedBy: "owner@isv.example" });
    const [switched] = await f.h.db.db.select().from(auditEvents).where(eq(auditEvents.action, "settings.drift_auto_heal_changed"));
    expect(switched).toMatchObject({ actorEmail: "owner@isv.example", changes: { autoHealDrift: { from: true, to: false } } });

    expect((await f.sim(f.ids[0]!, "suspend")).status).toBe(200);
    await runSync(f.h.db.db, f.client);
    expect(await getSubscriptionById(f.h.db.db, f.ids[0]!)).toMatchObject({ status: "Subscribed" });
    expect(await countDrift(f.h.db.db)).toEqual({ subscriptions: 1, fields: 1 });
  });

  it("waits for an operation being applied under the subscription's lock and never undoes it", async () => {
    await saveAutoHealDrift(f.h.db.db, false, null);
    // Odd seeds have seat-based plans.
    const id = f.ids[1]!;
    expect((await f.sim(id, "change-quantity", { quantity: 11 })).status).toBe(200);
    const run = await runSync(f.h.db.db, f.client);
    expect(await countDrift(f.h.db.db)).toEqual({ subscriptions: 1, fields: 1 });

    // A webhook worker holds the lock and writes a newer quantity while the heal starts.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let signalLocked!: () => void;
    const locked = new Promise<void>((resolve) => (signalLocked = resolve));
    const worker = f.h.db.db.transaction(async (tx) => {
      await lockSubscription(tx, id);
      await updateSubscription(tx, id, { quantity: 12 });
      signalLocked();
      await held;
    });
    await locked;
    const healing = healDrift(f.h.db.db, { runId: run!.id });
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await worker;
    expect(await healing).toEqual({ healed: 0, fields: 0, conflicts: 0, stale: 1 });
    expect((await getSubscriptionById(f.h.db.db, id))?.quantity).toBe(12);
    expect(await healedAudit(id)).toEqual([]);
  });
});
