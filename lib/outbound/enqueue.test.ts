import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { listDeliveries, maxAuditEventId } from "@/db/queries/outbound";
import { outboundCursor, outboundDeliveries, outboundEndpoints } from "@/db/schema";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { CURSOR_NAME, enqueueBatch } from "./enqueue";
import { addEndpoint, addSubscription, audit } from "./testing/fixtures";
import { startReceiver } from "./testing/receiver";
import { processOutbound } from "./worker";

const allow = { allowPrivateNetworks: true };
const types = async (t: TestDatabase, endpointId: string) => (await listDeliveries(t.db, { endpointId })).map((d) => d.eventType).sort();

describe.each(testDatabases("both"))("outbound enqueue from the audit log (%s)", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.db.delete(outboundEndpoints);
    await t.db.delete(outboundCursor);
    // Each test starts with the log read up to here, as after a quiet spell.
    await t.db.insert(outboundCursor).values({ name: CURSOR_NAME, lastAuditId: await maxAuditEventId(t.db) });
  });

  it("maps audit actions to event types and applies each endpoint's filter", async () => {
    const changes = await addEndpoint(t.db, "https://a.example/hooks", ["subscription.changed"]);
    const lifecycle = await addEndpoint(t.db, "https://b.example/hooks", [
      "subscription.activated",
      "subscription.cancelled",
      "subscription.pending",
    ]);
    const disabled = await addEndpoint(t.db, "https://c.example/hooks", ["subscription.changed", "subscription.activated"], {
      enabled: false,
    });
    const sub = await addSubscription(t.db, { planId: "gold" });
    await audit(t.db, "subscription.plan_changed", { subscriptionId: sub, changes: { planId: { from: "silver", to: "gold" } } });
    await audit(t.db, "subscription.quantity_changed");
    await audit(t.db, "subscription.activated");
    await audit(t.db, "subscription.subscribed");
    await audit(t.db, "subscription.unsubscribed");
    await audit(t.db, "subscription.confirmed", { changes: { provisioningState: { from: "new", to: "awaiting_approval" } } });
    await audit(t.db, "subscription.confirmed", { changes: { provisioningState: { from: "new", to: "activating" } } });
    await audit(t.db, "staff.added", { targetType: "staff" });
    await audit(t.db, "subscription.suspended");

    expect(await enqueueBatch(t.db, { now: new Date() })).toMatchObject({ kind: "done", read: 9, enqueued: 6, more: false });
    expect(await types(t, changes.id)).toEqual(["subscription.changed", "subscription.changed"]);
    expect(await types(t, lifecycle.id)).toEqual([
      "subscription.activated",
      "subscription.activated",
      "subscription.cancelled",
      "subscription.pending",
    ]);
    expect(await types(t, disabled.id)).toEqual([]);

    const [first] = await t.db
      .select()
      .from(outboundDeliveries)
      .where(sql`${outboundDeliveries.body}::jsonb -> 'data' -> 'target' ->> 'id' = ${sub}`);
    expect(JSON.parse(first!.body)).toMatchObject({
      type: "subscription.changed",
      data: {
        action: "subscription.plan_changed",
        changes: { planId: { from: "silver", to: "gold" } },
        subscription: { id: sub, planId: "gold", status: "Subscribed" },
      },
    });
    // Run again: nothing new, nothing twice.
    expect(await enqueueBatch(t.db, { now: new Date() })).toMatchObject({ read: 0, enqueued: 0 });
  });

  it("never sends an endpoint events from before it was added, and skips ahead while nobody listens", async () => {
    await audit(t.db, "subscription.activated");
    expect(await enqueueBatch(t.db, { now: new Date() })).toMatchObject({ read: 0, enqueued: 0 });
    const [cursor] = await t.db.select().from(outboundCursor);
    expect(cursor?.lastAuditId).toBeGreaterThan(0);

    await audit(t.db, "subscription.renewed");
    const late = await addEndpoint(t.db, "https://late.example/hooks", ["subscription.activated", "subscription.renewed"]);
    await audit(t.db, "subscription.activated");
    await enqueueBatch(t.db, { now: new Date() });
    expect(await types(t, late.id)).toEqual(["subscription.activated"]);
  });

  it("reads a batch at a time and keeps a rolled-back id as a gap only until the grace period ends", async () => {
    const ep = await addEndpoint(t.db, "https://a.example/hooks", ["subscription.renewed"]);
    await audit(t.db, "subscription.renewed");
    await t.db
      .transaction(async (tx) => {
        await audit(tx, "subscription.renewed");
        tx.rollback();
      })
      .catch(() => {});
    for (let i = 0; i < 4; i++) await audit(t.db, "subscription.renewed");
    const now = new Date();
    expect(await enqueueBatch(t.db, { now, batchSize: 3 })).toMatchObject({ read: 3, enqueued: 3, more: true });
    expect(await enqueueBatch(t.db, { now, batchSize: 3 })).toMatchObject({ read: 2, enqueued: 2, more: false });
    let [cursor] = await t.db.select().from(outboundCursor);
    expect(cursor?.gaps).toHaveLength(1);
    expect(await types(t, ep.id)).toHaveLength(5);

    await enqueueBatch(t.db, { now: new Date(now.getTime() + 60_000), gapGraceMs: 120_000 });
    [cursor] = await t.db.select().from(outboundCursor);
    expect(cursor?.gaps).toHaveLength(1);
    await enqueueBatch(t.db, { now: new Date(now.getTime() + 121_000), gapGraceMs: 120_000 });
    [cursor] = await t.db.select().from(outboundCursor);
    expect(cursor).toMatchObject({ name: CURSOR_NAME, gaps: [] });
  });

  it.runIf(kind === "postgres")("picks up an event whose transaction commits after a later one", async () => {
    const ep = await addEndpoint(t.db, "https://a.example/hooks", ["subscription.suspended", "subscription.reinstated"]);
    const other = openDatabase({ kind: "postgres", url: t.url! }, { poolSize: 2 });
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let inserted!: () => void;
      const insertedEarly = new Promise<void>((r) => (inserted = r));
      const slow = other.db.transaction(async (tx) => {
        await audit(tx, "subscription.suspended");
        inserted();
        await held;
      });
      await insertedEarly;
      await audit(t.db, "subscription.reinstated");
      await enqueueBatch(t.db, { now: new Date() });
      expect(await types(t, ep.id)).toEqual(["subscription.reinstated"]);
      release();
      await slow;
      await enqueueBatch(t.db, { now: new Date() });
      expect(await types(t, ep.id)).toEqual(["subscription.reinstated", "subscription.suspended"]);
    } finally {
      await other.close();
    }
  });

  it.runIf(kind === "postgres")("two app instances enqueue and send every event exactly once while events keep arriving", async () => {
    const receiver = await startReceiver();
    const second = openDatabase({ kind: "postgres", url: t.url! }, { poolSize: 5 });
    try {
      await addEndpoint(t.db, receiver.url, ["subscription.renewed"]);
      await addEndpoint(t.db, `${receiver.url}/second`, ["subscription.renewed", "subscription.cancelled"]);
      let writing = true;
      const writers = Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; i < 40; i++) {
          // Commits land out of id order, as they do under load.
          await t.db.transaction(async (tx) => {
            await audit(tx, i % 4 === 0 ? "subscription.unsubscribed" : "subscription.renewed");
            await tx.execute(sql`select pg_sleep(${((w * 7 + i * 13) % 10) / 1000})`);
          });
        }
      });
      const worker = async (db: typeof t.db) => {
        while (writing) await processOutbound(db, { policy: allow, batchSize: 25 });
      };
      const workers = [worker(t.db), worker(t.db), worker(second.db), worker(second.db)];
      await Promise.all(writers);
      writing = false;
      await Promise.all(workers);
      for (let i = 0; i < 3; i++)
        await Promise.all([processOutbound(t.db, { policy: allow }), processOutbound(second.db, { policy: allow })]);

      const rows = await t.db.select().from(outboundDeliveries);
      // 160 events: 120 renewals to both endpoints, 40 cancellations to the second.
      expect(rows).toHaveLength(120 * 2 + 40);
      expect(new Set(rows.map((r) => `${r.endpointId}:${r.auditEventId}`)).size).toBe(rows.length);
      expect(rows.every((r) => r.status === "succeeded" && r.attempts === 1)).toBe(true);
      const counts = receiver.countsById();
      expect(counts.size).toBe(rows.length);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await second.close();
      await receiver.close();
    }
  });
});
