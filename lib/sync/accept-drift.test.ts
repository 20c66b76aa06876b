import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getSubscriptionById, updateSubscription } from "@/db/queries/subscriptions";
import { countDrift } from "@/db/queries/sync";
import { auditEvents } from "@/db/schema";
import { testDatabases } from "@/test/db";
import { acceptDrift } from "./accept-drift";
import { runSync } from "./run-sync";
import { useSyncFixture } from "./testing/fixture";

const operator = { type: "staff" as const, id: "5e1ec7ed-0000-4000-8000-00000000aaaa", email: "operator@isv.example" };

describe.each(testDatabases("one"))("accepting Microsoft's version on %s", (kind) => {
  // Drift stays for staff here; heal-drift.test.ts covers the automatic path.
  const f = useSyncFixture(kind, { subscriptions: 4, autoHealDrift: false });

  it("applies the drifted fields of one subscription with the portal state that goes with them, audited", async () => {
    const [suspended, other] = f.ids as [string, string];
    expect((await f.sim(suspended, "suspend")).status).toBe(200);
    expect((await f.sim(other, "suspend")).status).toBe(200);
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
    const seats = f.ids[1]!;
    expect((await f.sim(seats, "change-quantity", { quantity: 11 })).status).toBe(200);
    await runSync(f.h.db.db, f.client);
    // Meanwhile a webhook applies yet another quantity locally.
    await updateSubscription(f.h.db.db, seats, { quantity: 12 });
    expect(await acceptDrift(f.h.db.db, { subscriptionIds: [seats], actor: operator })).toEqual({ subscriptions: 0, fields: 0, stale: 1 });
    expect((await getSubscriptionById(f.h.db.db, seats))?.quantity).toBe(12);
    expect(await countDrift(f.h.db.db)).toEqual({ subscriptions: 0, fields: 0 });
  });

  it("accepts everything at once, in batches, including cancellations", async () => {
    expect((await f.sim(f.ids[0]!, "unsubscribe")).status).toBe(200);
    expect((await f.sim(f.ids[3]!, "change-quantity", { quantity: 9 })).status).toBe(200);
    await updateSubscription(f.h.db.db, f.ids[2]!, { name: "Renamed here" });
    await runSync(f.h.db.db, f.client);
    const result = await acceptDrift(f.h.db.db, { subscriptionIds: "all", actor: operator });
    expect(result).toMatchObject({ subscriptions: 3, stale: 0 });
    expect(await countDrift(f.h.db.db)).toEqual({ subscriptions: 0, fields: 0 });
    expect(await getSubscriptionById(f.h.db.db, f.ids[0]!)).toMatchObject({ status: "Unsubscribed", provisioningState: "deprovisioned" });
    expect(await getSubscriptionById(f.h.db.db, f.ids[2]!)).toMatchObject({ name: "Seeded 2" });
    expect((await getSubscriptionById(f.h.db.db, f.ids[3]!))?.quantity).toBe(9);
    expect(await runSync(f.h.db.db, f.client)).toMatchObject({ drifted: 0 });
  });
});
