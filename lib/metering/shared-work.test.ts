import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { rowsOf } from "@/db/queries/rows";
import { auditEvents } from "@/db/schema";
import type { MarketplaceClient } from "@/lib/marketplace";
import { startHarness, type SimHarness } from "marketplace-simulator/testing";
import { testDatabases } from "@/test/db";
import { simulatorClient } from "@/test/simulator-client";
import { ingestUsage } from "./ingest";
import { moveLateUsage } from "./late";
import { reconcileUsage } from "./reconcile";
import { createUsageSchedule, endUsageSchedule, listUsageSchedules } from "./schedules";
import { submitClosedHours } from "./submit";
import { at, clearUsage, hourRow, hoursAgo, purchase, quiet, recorded } from "./testing/fixtures";
import { HOUR_MS, WINDOW_MS } from "./window";

const api = { kind: "api" as const, ref: "key-1" };

describe.each(testDatabases("both"))("metering: late usage, schedules, reconciliation, shared work (%s)", (kind) => {
  let h: SimHarness;
  let client: MarketplaceClient;
  const pass = (now?: Date) => submitClosedHours(h.db.db, client, { now, closeDelayMs: 0, log: quiet });
  const post = (sub: string, dimension: string, hour: Date, quantity: number) =>
    ingestUsage(h.db.db, [{ subscriptionId: sub, dimension, quantity, timestamp: at(hour) }], api);

  beforeAll(async () => {
    h = await startHarness(kind);
    client = simulatorClient(h);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => {
    await h.reset();
    await clearUsage(h.db.db);
  });

  it("adds usage for an already reported hour to the earliest unreported hour, and audits it", async () => {
    const sub = await purchase(h, client);
    await post(sub, "storage-gb", hoursAgo(4), 5);
    await pass();
    await post(sub, "storage-gb", hoursAgo(4), 3);
    await post(sub, "storage-gb", hoursAgo(2), 1);
    expect(await hourRow(h.db.db, sub, "storage-gb", hoursAgo(4))).toMatchObject({ status: "accepted", quantity: 5, lateQuantity: 3 });
    expect(await pass()).toMatchObject({ moved: 1, accepted: 1 });
    expect(await hourRow(h.db.db, sub, "storage-gb", hoursAgo(4))).toMatchObject({ quantity: 5, lateQuantity: 0 });
    expect(await hourRow(h.db.db, sub, "storage-gb", hoursAgo(2))).toMatchObject({ quantity: 4, reportedQuantity: 4, status: "accepted" });
    expect((await recorded(h.db.db, sub)).map((e) => e.quantity).sort()).toEqual([4, 5]);
    const audit = await h.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "usage.late_moved"), eq(auditEvents.targetId, sub)));
    expect(audit[0]?.metadata).toMatchObject({ fromHour: hoursAgo(4).toISOString(), toHour: hoursAgo(2).toISOString(), quantity: 3 });
    const reported = await h.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "usage.reported"), eq(auditEvents.targetId, sub)));
    expect(reported).toHaveLength(2);
  });

  it("turns a schedule into hourly usage through the same pipeline, until it is ended", async () => {
    const sub = await purchase(h, client);
    const schedule = await createUsageSchedule(
      h.db.db,
      { subscriptionId: sub, dimension: "storage-gb", quantity: 2, cadence: "hourly", startsAt: new Date(hoursAgo(3).getTime() + 60_000) },
      "owner@isv.example",
    );
    expect(await pass()).toMatchObject({ scheduled: 4 });
    for (const n of [3, 2, 1])
      expect(await hourRow(h.db.db, sub, "storage-gb", hoursAgo(n))).toMatchObject({ quantity: 2, status: "accepted" });
    // The current hour's run is counted once, however many passes see it.
    expect(await pass()).toMatchObject({ scheduled: 0 });
    await endUsageSchedule(h.db.db, schedule.id, "owner@isv.example");
    expect(await listUsageSchedules(h.db.db, { subscriptionId: sub, activeOnly: true })).toEqual([]);
    expect(await pass(new Date(Date.now() + 2 * HOUR_MS))).toMatchObject({ scheduled: 0 });
  });

  it("reconciles Microsoft's usage events with what the portal reported, flagging differences", async () => {
    const sub = await purchase(h, client);
    await post(sub, "storage-gb", hoursAgo(3), 5);
    await pass();
    expect((await reconcileUsage(h.db.db, client, { from: hoursAgo(30), to: new Date() })).differences).toEqual([]);
    // Usage Microsoft recorded that the portal never sent.
    await client.postUsageEvent({
      resourceId: sub,
      dimension: "storage-gb",
      quantity: 9,
      effectiveStartTime: hoursAgo(1),
      planId: "professional",
    });
    const { differences } = await reconcileUsage(h.db.db, client, { from: hoursAgo(30), to: new Date() });
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatchObject({ subscriptionId: sub, dimension: "storage-gb" });
    expect(["quantity_mismatch", "unknown_to_portal"]).toContain(differences[0]!.kind);
  });

  it.runIf(kind === "postgres")("two instances passing at once never report one hour twice", async () => {
    const subs = await Promise.all(Array.from({ length: 4 }, () => purchase(h, client)));
    const events = subs.flatMap((sub) =>
      Array.from({ length: 20 }, (_, i) => ({
        subscriptionId: sub,
        dimension: "storage-gb",
        quantity: 1 + i,
        timestamp: at(hoursAgo(i + 2)),
      })),
    );
    expect((await ingestUsage(h.db.db, events, api)).accepted).toBe(80);
    const other = openDatabase({ kind: "postgres", url: h.db.url! });
    try {
      const sent: string[][] = [[], []];
      const spy = (n: number) => ({
        postBatchUsageEvents: (batch: Parameters<MarketplaceClient["postBatchUsageEvents"]>[0]) => {
          sent[n]!.push(...batch.map((e) => `${e.resourceId}|${new Date(e.effectiveStartTime).toISOString()}`));
          return client.postBatchUsageEvents(batch);
        },
      });
      const opts = { closeDelayMs: 0, log: quiet, claimLimit: 25, concurrency: 1 };
      const [a, b] = await Promise.all([submitClosedHours(h.db.db, spy(0), opts), submitClosedHours(other.db, spy(1), opts)]);
      expect(a.sent + b.sent).toBe(80);
      expect(a.accepted + b.accepted).toBe(80);
      expect(a.duplicate + b.duplicate).toBe(0);
      expect(new Set([...sent[0]!, ...sent[1]!]).size).toBe(sent[0]!.length + sent[1]!.length);
      for (const sub of subs) expect(await recorded(h.db.db, sub)).toHaveLength(20);
    } finally {
      await other.close();
    }
  });
  it.runIf(kind === "postgres")(
    "moving late usage and ingesting lock hours in one order: they wait for each other, never deadlock",
    async () => {
      const [a, b] = (await Promise.all([purchase(h, client), purchase(h, client)])).sort();
      for (const sub of [a!, b!]) await post(sub, "storage-gb", hoursAgo(4), 5);
      await pass();
      // Late usage on both subscriptions' reported hour; their earliest open hour is two hours ago.
      for (const sub of [a!, b!]) {
        await post(sub, "storage-gb", hoursAgo(4), 3);
        await post(sub, "storage-gb", hoursAgo(2), 1);
      }
      const other = openDatabase({ kind: "postgres", url: h.db.url! });
      const waiting = async () => {
        for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
          const [row] = rowsOf<{ n: number }>(await h.db.db.execute(sql`select count(*)::int as n from pg_locks where not granted`));
          if (row && row.n > 0) return;
        }
        throw new Error("the move never waited for the ingestion's lock");
      };
      try {
        let moving: Promise<{ moved?: number; error?: unknown }> | undefined;
        await h.db.db.transaction(async (tx) => {
          // One ingestion, in key order: first a's open hour (held until commit) …
          await ingestUsage(tx, [{ subscriptionId: a!, dimension: "storage-gb", quantity: 1, timestamp: at(hoursAgo(2)) }], api);
          moving = moveLateUsage(other.db, { now: new Date(), windowStart: new Date(Date.now() - WINDOW_MS) }).then(
            (moved) => ({ moved }),
            (error: unknown) => ({ error }),
          );
          await waiting();
          // … then more late usage for b's reported hour, while the move waits for a's open hour.
          await ingestUsage(tx, [{ subscriptionId: b!, dimension: "storage-gb", quantity: 2, timestamp: at(hoursAgo(4)) }], api);
        });
        expect(await moving).toEqual({ moved: 2 });
      } finally {
        await other.close();
      }
      expect(await hourRow(h.db.db, a!, "storage-gb", hoursAgo(2))).toMatchObject({ quantity: 5, status: "open" });
      expect(await hourRow(h.db.db, b!, "storage-gb", hoursAgo(2))).toMatchObject({ quantity: 6, status: "open" });
      for (const sub of [a!, b!])
        expect(await hourRow(h.db.db, sub, "storage-gb", hoursAgo(4))).toMatchObject({ quantity: 5, lateQuantity: 0 });
    },
  );
});
