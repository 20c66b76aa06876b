import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getSubscriptionById, updateSubscription } from "@/db/queries/subscriptions";
import { countDrift, saveAutoHealDrift } from "@/db/queries/sync";
import { auditEvents } from "@/db/schema";
import { testDatabases } from "@/test/db";
import { acceptDrift } from "./accept-drift";
import { runSync } from "./run-sync";
import { startSyncFixture, type SyncFixture } from "./testing/fixture";
import { seedSimulatorSubscriptions } from "./testing/sim-subscriptions";

const operator = { type: "staff" as const, id: "5e1ec7ed-0000-4000-8000-00000000aaaa", email: "operator@isv.example" };

describe.each(testDatabases("one"))("accepting Microsoft's version on %s", (kind) => {
  let f: SyncFixture;
  let ids: string[];
  beforeAll(async () => {
    f = await startSyncFixture(kind);
  });
  afterAll(async () => f?.h.close());
  beforeEach(async () => {
    await f.h.reset();
    await f.clearPortal();
    // Drift stays for staff here; heal-drift.test.ts covers the automatic path.
    await saveAutoHealDrift(f.h.db.db, false, null);
    ids = await seedSimulatorSubscriptions(f.h.db.db, 4);
    await runSync(f.h.db.db, f.client);
  });

  const sim = (id: string, action: string, body: unknown = {}) => f.h.call("POST", `/_sim/subscriptions/${id}/${action}`, { body });

  it("applies the drifted fields of one subscription with the portal state that goes with them, audited", async () => {
    const [suspended, other] = ids as [string, string];
    expect((await sim(suspended, "suspend")).status).toBe(200);
    expect((await sim(other, "suspend")).status).toBe(200);
    await runSync(f.h.db.db, f.client);
    expect(await countDrift(f.h.db.db)).toEqual({ subscriptions: 2, fields: 2 });

    expect(await acceptDrift(f.h.db.db, { subscriptionIds: [suspended.toUpperCase()], actor: operator })).toEqual({
      subscriptions: 1,
      fields: 1,
      stale: 0,
    });
    expect(await getSubscriptionById(f.h.db.db, suspended)).toMatchObject({ status: "Suspended", provisioningState: "suspended" });
    expect(await getSubscriptionById(f.h.db.db, other)).toMatchObject({ status: "Subscribed" });
    expect(await countDrift(f.h.db.db)).toEqual({ subscriptions: 1, fields: 1 });
    const [event] = await f.h.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "subscription.drift_accepted"), eq(auditEvents.targetId, suspended)));
    expect(event).toMatchObject({
      actorType: "staff",
      actorEmail: "operator@isv.example",
      changes: { status: { from: "Subscribed", to: "Suspended" }, provisioningState: { from: "active", to: "suspended" } },
    });

    // Accepting again changes nothing and records nothing.
    expect(await acceptDrift(f.h.db.db, { subscriptionIds: [suspended], actor: operator })).toEqual({
      subscriptions: 0,
      fields: 0,
      stale: 0,
    });
  });

  it("never undoes a change made after the sync compared, e.g. by a webhook", async () => {
    const seats = ids[1]!;
    expect((await sim(seats, "change-quantity", { quantity: 11 })).status).toBe(200);
    await runSync(f.h.db.db, f.client);
    // Meanwhile a webhook applies yet another quantity locally.
    await updateSubscription(f.h.db.db, seats, { quantity: 12 });
    expect(await acceptDrift(f.h.db.db, { subscriptionIds: [seats], actor: operator })).toEqual({ subscriptions: 0, fields: 0, stale: 1 });
    expect((await getSubscriptionById(f.h.db.db, seats))?.quantity).toBe(12);
    expect(await countDrift(f.h.db.db)).toEqual({ subscriptions: 0, fields: 0 });
  });

  it("accepts everything at once, in batches, including cancellations", async () => {
    expect((await sim(ids[0]!, "unsubscribe")).status).toBe(200);
    expect((await sim(ids[3]!, "change-quantity", { quantity: 9 })).status).toBe(200);
    await updateSubscription(f.h.db.db, ids[2]!, { name: "Renamed here" });
    await runSync(f.h.db.db, f.client);
    const result = await acceptDrift(f.h.db.db, { subscriptionIds: "all", actor: operator });
    expect(result).toMatchObject({ subscriptions: 3, stale: 0 });
    expect(await countDrift(f.h.db.db)).toEqual({ subscriptions: 0, fields: 0 });
    expect(await getSubscriptionById(f.h.db.db, ids[0]!)).toMatchObject({ status: "Unsubscribed", provisioningState: "deprovisioned" });
    expect(await getSubscriptionById(f.h.db.db, ids[2]!)).toMatchObject({ name: "Seeded 2" });
    expect((await getSubscriptionById(f.h.db.db, ids[3]!))?.quantity).toBe(9);
    expect(await runSync(f.h.db.db, f.client)).toMatchObject({ drifted: 0 });
  });
});
