import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db, type DatabaseHandle } from "@/db/client";
import { claimDueInboxItems, finishInboxItem } from "@/db/queries/webhook-inbox";
import { processNotification } from "@/lib/subscriptions/process-notification";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { replayInboxItem } from "./replay-inbox-item";
import { FakeMarketplace } from "./testing/fake-marketplace";
import { deliver, effects, inboxRow, later, local, seedLocal, work } from "./testing/worker-fixtures";

const at = (minute: number) => `2026-11-24T10:${String(minute).padStart(2, "0")}:00Z`;

describe.each(testDatabases("both"))("duplicate, reordered and concurrent deliveries (%s)", (kind) => {
  let t: TestDatabase;
  /** A second handle: a second pool on the same PostgreSQL database, or the same PGlite. */
  let second: DatabaseHandle | undefined;
  let db2: Db;
  let fake: FakeMarketplace;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    second = t.url ? openDatabase({ kind: "postgres", url: t.url }) : undefined;
    db2 = second?.db ?? t.db;
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });
  beforeEach(() => {
    fake = new FakeMarketplace();
  });

  it("stores a repeated delivery once and applies it once, even after processing", async () => {
    const sub = fake.addSubscription();
    await seedLocal(t.db, fake, sub.id);
    const body = fake.operation(sub.id, "Renew");
    const outcomes = await Promise.all([deliver(t.db, body), deliver(db2, body), deliver(t.db, body)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["duplicate", "duplicate", "queued"]);
    await work(t.db, fake);
    expect((await deliver(t.db, body)).outcome).toBe("duplicate");
    expect(await work(t.db, fake)).toMatchObject({ claimed: 0 });
    expect(await effects(t.db, sub.id)).toEqual({ audits: ["subscription.renewed"], applied: 1, inbox: 1 });
  });

  it("drops a plan change older than one already applied", async () => {
    const sub = fake.addSubscription({ planId: "silver" });
    await seedLocal(t.db, fake, sub.id);
    const first = fake.operation(sub.id, "ChangePlan", { planId: "gold", timeStamp: at(1), effect: (s) => (s.planId = "gold") });
    const second = fake.operation(sub.id, "ChangePlan", { planId: "platinum", timeStamp: at(2), effect: (s) => (s.planId = "platinum") });
    await deliver(t.db, second);
    await work(t.db, fake);
    await deliver(t.db, first);
    expect(await work(t.db, fake)).toMatchObject({ ignored: 1 });
    expect((await local(t.db, sub.id))?.planId).toBe("platinum");
    expect((await inboxRow(t.db, String(first.id)))?.stateReason).toMatch(/^stale/);
    expect(await effects(t.db, sub.id)).toMatchObject({ audits: ["subscription.plan_changed", "operation.dropped"], applied: 1 });
  });

  it("does not let a later Failed operation make an earlier change look stale", async () => {
    const sub = fake.addSubscription();
    await seedLocal(t.db, fake, sub.id);
    const failed = fake.operation(sub.id, "ChangePlan", { status: "Failed", planId: "gold", timeStamp: at(5) });
    const suspend = fake.operation(sub.id, "Suspend", { timeStamp: at(4), effect: (s) => (s.saasSubscriptionStatus = "Suspended") });
    await deliver(t.db, failed);
    await work(t.db, fake);
    await deliver(t.db, suspend);
    await work(t.db, fake);
    expect(await local(t.db, sub.id)).toMatchObject({ status: "Suspended", provisioningState: "suspended" });
    expect(await effects(t.db, sub.id)).toMatchObject({ audits: ["operation.failed", "subscription.suspended"], applied: 1 });
  });

  it("ends Subscribed when Reinstate overtakes its Suspend", async () => {
    const sub = fake.addSubscription();
    await seedLocal(t.db, fake, sub.id);
    const suspend = fake.operation(sub.id, "Suspend", { timeStamp: at(1), effect: (s) => (s.saasSubscriptionStatus = "Suspended") });
    const reinstate = fake.operation(sub.id, "Reinstate", { timeStamp: at(2), effect: (s) => (s.saasSubscriptionStatus = "Subscribed") });
    await deliver(t.db, reinstate);
    await work(t.db, fake);
    await deliver(t.db, suspend);
    await work(t.db, fake);
    expect(await local(t.db, sub.id)).toMatchObject({ status: "Subscribed", provisioningState: "active" });
    // The Suspend is not stale (the Reinstate was refused, not applied), but Microsoft has moved on from it.
    expect((await effects(t.db, sub.id)).audits).toEqual(["subscription.transition_refused", "operation.superseded"]);
  });

  it("two workers on one database apply every operation exactly once", async () => {
    const subs = Array.from({ length: 12 }, () => fake.addSubscription());
    for (const s of subs) await seedLocal(t.db, fake, s.id);
    const bodies = subs.map((s) => fake.operation(s.id, "Suspend", { effect: (w) => (w.saasSubscriptionStatus = "Suspended") }));
    await Promise.all(bodies.flatMap((b) => [deliver(t.db, b), deliver(db2, b)]));

    const totals = { a: 0, b: 0 };
    for (let round = 0; round < 12; round++) {
      const [a, b] = await Promise.all([work(t.db, fake, { limit: 3 }), work(db2, fake, { limit: 3 })]);
      totals.a += a.processed;
      totals.b += b.processed;
      if (a.claimed + b.claimed === 0) break;
    }
    expect(totals.a + totals.b).toBe(12);
    if (kind === "postgres") expect(Math.min(totals.a, totals.b)).toBeGreaterThan(0);
    for (const s of subs) {
      expect(await effects(t.db, s.id)).toEqual({ audits: ["subscription.suspended"], applied: 1, inbox: 1 });
      expect((await local(t.db, s.id))?.provisioningState).toBe("suspended");
    }
  });

  it("a worker whose lease expired cannot apply or finish a row another worker took over", async () => {
    const sub = fake.addSubscription({ planId: "silver" });
    await seedLocal(t.db, fake, sub.id);
    await deliver(t.db, fake.operation(sub.id, "ChangePlan", { planId: "gold", effect: (s) => (s.planId = "gold") }));
    const [a] = await claimDueInboxItems(t.db, { limit: 1, leaseMs: 1000 });
    const [b] = await claimDueInboxItems(db2, { limit: 1, leaseMs: 1000, now: new Date(Date.now() + 5000) });
    expect(a && b && b.id === a.id && b.attempts === a.attempts + 1).toBe(true);
    const results = await Promise.all([processNotification(t.db, fake, a!), processNotification(db2, fake, b!)]);
    expect(results.map((r) => r.kind).sort()).toEqual(["applied", "ignored"]);
    expect(await finishInboxItem(t.db, a!, { state: "processed" })).toBe(false);
    expect(await finishInboxItem(db2, b!, { state: "processed" })).toBe(true);
    expect(await effects(t.db, sub.id)).toMatchObject({ audits: ["subscription.plan_changed"], applied: 1 });
  });

  it("retries Microsoft's failures with back-off, dead-letters them, and staff can replay", async () => {
    const sub = fake.addSubscription();
    await seedLocal(t.db, fake, sub.id);
    const body = fake.operation(sub.id, "Renew");
    await deliver(t.db, body);
    fake.failures = 100;
    const retry = { maxAttempts: 3, baseDelayMs: 1000 };

    const startedAt = Date.now();
    expect(await work(t.db, fake, { retry })).toMatchObject({ retried: 1 });
    const first = await inboxRow(t.db, String(body.id));
    expect(first).toMatchObject({ state: "received", attempts: 1 });
    expect(first!.lastError).toMatch(/503|try again/);
    expect(first!.nextAttemptAt.getTime() - startedAt).toBeGreaterThanOrEqual(900);
    expect(await work(t.db, fake, { retry })).toMatchObject({ claimed: 0 });

    expect(await work(t.db, fake, { retry, now: later(10_000) })).toMatchObject({ retried: 1 });
    expect(await work(t.db, fake, { retry, now: later(60_000) })).toMatchObject({ deadLettered: 1 });
    const dead = await inboxRow(t.db, String(body.id));
    expect(dead).toMatchObject({ state: "dead_letter", attempts: 3 });
    expect(await effects(t.db, sub.id)).toMatchObject({ audits: ["webhook.dead_lettered"], applied: 0 });

    fake.failures = 0;
    const replayed = await replayInboxItem(t.db, dead!.id, { id: "staff-1", email: "ops@contoso.example" });
    expect(replayed).toMatchObject({ state: "received", attempts: 0 });
    expect(await replayInboxItem(t.db, dead!.id, { email: "ops@contoso.example" })).toBeNull();
    expect(await work(t.db, fake)).toMatchObject({ processed: 1 });

    // Replaying an applied operation is harmless: it is recognised and not applied again.
    await replayInboxItem(t.db, dead!.id, { email: "ops@contoso.example" });
    expect(await work(t.db, fake)).toMatchObject({ ignored: 1 });
    expect(await effects(t.db, sub.id)).toMatchObject({
      audits: ["webhook.dead_lettered", "webhook.replayed", "subscription.renewed", "webhook.replayed"],
      applied: 1,
    });
  });
});
