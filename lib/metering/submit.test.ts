import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { claimHoursToSend } from "@/db/queries/usage-submit";
import { plans, subscriptions } from "@/db/schema";
import type { MarketplaceClient } from "@/lib/marketplace";
import { startHarness, type SimHarness } from "marketplace-simulator/testing";
import { testDatabases } from "@/test/db";
import { simulatorClient } from "@/test/simulator-client";
import { ingestUsage } from "./ingest";
import { submitClosedHours } from "./submit";
import { at, clearUsage, hourRow, hoursAgo, purchase, quiet, recorded, setFaults, setTerm } from "./testing/fixtures";
import { HOUR_MS, WINDOW_MS } from "./window";

const api = { kind: "api" as const, ref: "key-1" };

describe.each(testDatabases("one"))("usage submission against the simulator (%s)", (kind) => {
  let h: SimHarness;
  let client: MarketplaceClient;
  const pass = (opts: { now?: Date; client?: Pick<MarketplaceClient, "postBatchUsageEvents"> } = {}) =>
    submitClosedHours(h.db.db, opts.client ?? client, { now: opts.now, closeDelayMs: 0, log: quiet });
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

  it("subtracts the included quantity once per term and starts counting again at renewal", async () => {
    const sub = await purchase(h, client);
    await post(sub, "api-calls", hoursAgo(6), 60);
    await post(sub, "api-calls", hoursAgo(5), 70);
    await post(sub, "storage-gb", hoursAgo(5), 4);
    expect(await pass()).toMatchObject({ split: 3, sent: 2, accepted: 2 });
    expect(await hourRow(h.db.db, sub, "api-calls", hoursAgo(6))).toMatchObject({
      includedQuantity: 60,
      reportedQuantity: 0,
      status: "nothing_to_report",
    });
    expect(await hourRow(h.db.db, sub, "api-calls", hoursAgo(5))).toMatchObject({
      includedQuantity: 40,
      reportedQuantity: 30,
      status: "accepted",
    });
    // Later in the same term the allowance is used up.
    await post(sub, "api-calls", hoursAgo(4), 5);
    await pass();
    expect(await hourRow(h.db.db, sub, "api-calls", hoursAgo(4))).toMatchObject({
      includedQuantity: 0,
      reportedQuantity: 5,
      status: "accepted",
    });
    // Renewed: the next hours are covered again, up to 100.
    await setTerm(h.db.db, sub, hoursAgo(3));
    await post(sub, "api-calls", hoursAgo(3), 90);
    await post(sub, "api-calls", hoursAgo(2), 15);
    await pass();
    expect(await hourRow(h.db.db, sub, "api-calls", hoursAgo(3))).toMatchObject({
      includedQuantity: 90,
      reportedQuantity: 0,
      status: "nothing_to_report",
    });
    expect(await hourRow(h.db.db, sub, "api-calls", hoursAgo(2))).toMatchObject({
      includedQuantity: 10,
      reportedQuantity: 5,
      status: "accepted",
    });
    const sim = await recorded(h.db.db, sub);
    expect(sim.map((e) => [e.dimension, e.quantity]).sort()).toEqual(
      [
        ["api-calls", 30],
        ["api-calls", 5],
        ["api-calls", 5],
        ["storage-gb", 4],
      ].sort(),
    );
  });

  it("follows the new plan's allowance from a plan change in the middle of the term", async () => {
    const sub = await purchase(h, client);
    await post(sub, "api-calls", hoursAgo(4), 80);
    await pass();
    // A plan with a larger allowance, as a sync would store it after the change.
    const terms = [{ termUnit: "P1M", price: 399, currency: "USD", meteredQuantityIncluded: [{ dimensionId: "api-calls", units: 200 }] }];
    await h.db.db.insert(plans).values({
      offerId: "contoso-analytics",
      planId: "professional-plus",
      displayName: "Professional Plus",
      billingTerms: terms,
      meteringDimensions: [{ id: "api-calls", displayName: "API calls", unitOfMeasure: "1000 calls", pricePerUnit: 0.4, currency: "USD" }],
    });
    await h.db.db.update(subscriptions).set({ planId: "professional-plus" }).where(eq(subscriptions.id, sub));
    await post(sub, "api-calls", hoursAgo(3), 150);
    await pass();
    expect(await hourRow(h.db.db, sub, "api-calls", hoursAgo(4))).toMatchObject({
      planId: "professional",
      includedQuantity: 80,
      status: "nothing_to_report",
    });
    expect(await hourRow(h.db.db, sub, "api-calls", hoursAgo(3))).toMatchObject({
      planId: "professional-plus",
      includedQuantity: 150,
      reportedQuantity: 0,
      status: "nothing_to_report",
    });
  });

  it("sends in batches of at most 25 and reads each item's status", async () => {
    const subs = [await purchase(h, client), await purchase(h, client)];
    for (const sub of subs) for (let i = 2; i < 17; i++) for (const d of ["api-calls", "storage-gb"]) await post(sub, d, hoursAgo(i), 200);
    const sizes: number[] = [];
    const counting = {
      postBatchUsageEvents: (events: Parameters<MarketplaceClient["postBatchUsageEvents"]>[0]) => (
        sizes.push(events.length),
        client.postBatchUsageEvents(events)
      ),
    };
    const r = await pass({ client: counting });
    expect(r).toMatchObject({ split: 60, sent: 60, accepted: 60 });
    expect(sizes.sort((a, b) => b - a)).toEqual([25, 25, 10]);
    for (const sub of subs) expect(await recorded(h.db.db, sub)).toHaveLength(30);
    expect(await pass({ client: counting })).toMatchObject({ sent: 0 });
  });

  it("treats a 409 Duplicate as billed and keeps Microsoft's usage event ID", async () => {
    const sub = await purchase(h, client);
    const hour = hoursAgo(3);
    const first = await client.postUsageEvent({
      resourceId: sub,
      dimension: "storage-gb",
      quantity: 7,
      effectiveStartTime: hour,
      planId: "professional",
    });
    expect(first.status).toBe("Accepted");
    await post(sub, "storage-gb", hour, 7);
    expect(await pass()).toMatchObject({ duplicate: 1, accepted: 0 });
    const row = await hourRow(h.db.db, sub, "storage-gb", hour);
    expect(row).toMatchObject({
      status: "duplicate",
      marketplaceUsageEventId: first.status === "Accepted" ? first.event.usageEventId : "",
    });
    expect(await recorded(h.db.db, sub)).toHaveLength(1);
  });

  it("flags an hour that passed the 24-hour window and never sends or retries it", async () => {
    const sub = await purchase(h, client);
    const old = hoursAgo(25);
    // Accepted two hours ago, when the hour was still inside the window.
    const then = new Date(Date.now() - 2 * HOUR_MS);
    expect(
      (await ingestUsage(h.db.db, [{ subscriptionId: sub, dimension: "storage-gb", quantity: 3, timestamp: at(old) }], api, { now: then }))
        .accepted,
    ).toBe(1);
    // A submission job that was down until now finds it expired.
    expect(await pass()).toMatchObject({ expired: 1, sent: 0 });
    expect(await hourRow(h.db.db, sub, "storage-gb", old)).toMatchObject({ status: "expired", attempts: 0 });
    expect(await pass()).toMatchObject({ expired: 0, sent: 0 });
    expect(await recorded(h.db.db, sub)).toHaveLength(0);
  });

  it("warns before an hour would expire unsent", async () => {
    const sub = await purchase(h, client);
    const hour = hoursAgo(20);
    await post(sub, "storage-gb", hour, 3);
    await setFaults(h, [{ endpoint: "batchUsageEvent", effect: { type: "status", status: 503 } }]);
    expect(await pass()).toMatchObject({ retrying: 1, warned: 1 });
    expect((await hourRow(h.db.db, sub, "storage-gb", hour)).expiryWarnedAt).not.toBeNull();
    expect(await pass({ now: new Date(Date.now() + 2 * HOUR_MS) })).toMatchObject({ warned: 0 });
  });

  it("retries 429 and 5xx answers with backoff until Microsoft accepts", async () => {
    const sub = await purchase(h, client);
    const hour = hoursAgo(2);
    await post(sub, "storage-gb", hour, 3);
    await setFaults(h, [
      { endpoint: "batchUsageEvent", count: 1, effect: { type: "status", status: 429, retryAfterSeconds: 0 } },
      { endpoint: "batchUsageEvent", count: 2, effect: { type: "status", status: 503 } },
    ]);
    expect(await pass()).toMatchObject({ retrying: 1, accepted: 0 });
    const waiting = await hourRow(h.db.db, sub, "storage-gb", hour);
    expect(waiting).toMatchObject({ status: "ready", attempts: 1 });
    expect(waiting.lastError).toBeTruthy();
    // Not before its backoff ends.
    expect(await pass()).toMatchObject({ sent: 0 });
    expect(await pass({ now: new Date(waiting.nextAttemptAt!.getTime() + 1000) })).toMatchObject({ accepted: 1 });
    expect(await hourRow(h.db.db, sub, "storage-gb", hour)).toMatchObject({ status: "accepted", attempts: 2, lastError: null });
    expect(await recorded(h.db.db, sub)).toHaveLength(1);
  });

  it("does not bill twice after a crash between sending and recording", async () => {
    const sub = await purchase(h, client);
    const hour = hoursAgo(2);
    await post(sub, "api-calls", hour, 150);
    await post(sub, "storage-gb", hour, 2);
    await submitClosedHours(
      h.db.db,
      { postBatchUsageEvents: async () => Promise.reject(new Error("never sent")) },
      { closeDelayMs: 0, log: quiet },
    );
    // A pass claims the hours, sends them, and dies before recording the answer.
    const now = new Date(Date.now() + 11 * 60_000);
    const claimed = await claimHoursToSend(h.db.db, {
      now,
      windowStart: new Date(now.getTime() - WINDOW_MS),
      leaseEnd: new Date(now.getTime() + 600_000),
      attemptId: randomUUID(),
      limit: 25,
    });
    expect(claimed).toHaveLength(2);
    await client.postBatchUsageEvents(
      claimed.map((c) => ({
        resourceId: c.subscriptionId,
        dimension: c.dimension,
        quantity: c.reportedQuantity,
        effectiveStartTime: c.hour,
        planId: c.planId,
      })),
    );
    // While the dead pass's lease runs nobody re-sends; afterwards the same hours go again.
    expect(await pass({ now })).toMatchObject({ sent: 0 });
    expect(await pass({ now: new Date(now.getTime() + 601_000) })).toMatchObject({ sent: 2, duplicate: 2 });
    expect(await hourRow(h.db.db, sub, "api-calls", hour)).toMatchObject({ status: "duplicate", reportedQuantity: 50 });
    expect((await recorded(h.db.db, sub)).map((e) => e.quantity).sort()).toEqual([2, 50]);
  });

  it("counts a batch whose answer was lost as billed once", async () => {
    const sub = await purchase(h, client);
    const hour = hoursAgo(2);
    await post(sub, "storage-gb", hour, 2);
    await setFaults(h, [{ endpoint: "batchUsageEvent", count: 1, effect: { type: "drop", when: "after" } }]);
    expect(await pass()).toMatchObject({ sent: 1, duplicate: 1 });
    expect(await recorded(h.db.db, sub)).toHaveLength(1);
  });
});
