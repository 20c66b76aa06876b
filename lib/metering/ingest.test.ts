import { captureLogs } from "@/test/console";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { plans, usageEvents } from "@/db/schema";
import type { MarketplaceClient } from "@/lib/marketplace";
import { startHarness, type SimHarness } from "marketplace-simulator/testing";
import { testDatabases } from "@/test/db";
import { simulatorClient } from "@/test/simulator-client";
import { ingestUsage, type PlansClient } from "./ingest";
import { at, clearUsage, hourRow, hoursAgo, purchase } from "./testing/fixtures";
import { HOUR_MS } from "./window";

const api = { kind: "api" as const, ref: "key-1" };

describe.each(testDatabases("both"))("usage ingestion (%s)", (kind) => {
  let h: SimHarness;
  let client: MarketplaceClient;
  beforeAll(async () => {
    h = await startHarness(kind);
    client = simulatorClient(h);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => {
    await h.reset();
    await clearUsage(h.db.db);
  });

  it("aggregates many events into one hour in the database, counting an idempotency key once", async () => {
    const sub = await purchase(h, client);
    const hour = hoursAgo(2);
    const events = Array.from({ length: 1000 }, (_, i) => ({
      id: `e-${i}`,
      subscriptionId: sub,
      dimension: "api-calls",
      quantity: 0.5,
      timestamp: at(hour, i % 60),
    }));
    expect(await ingestUsage(h.db.db, events, api)).toEqual({ accepted: 1000, duplicates: 0, rejected: [] });
    // The same keys again (a client retry) and 10 new ones, in one call.
    const again = [
      ...events.slice(0, 300),
      ...Array.from({ length: 10 }, () => ({ subscriptionId: sub, dimension: "api-calls", quantity: 2, timestamp: at(hour, 59) })),
    ];
    expect(await ingestUsage(h.db.db, again, api)).toEqual({ accepted: 10, duplicates: 300, rejected: [] });
    const row = await hourRow(h.db.db, sub, "api-calls", hour);
    expect(row).toMatchObject({ quantity: 520, status: "open", planId: "professional" });
    const [stored] = await h.db.db.select({ n: count() }).from(usageEvents).where(eq(usageEvents.subscriptionId, sub));
    expect(stored!.n).toBe(1010);
  });

  it("rejects each invalid event with its code and keeps the valid ones of the same call", async () => {
    const sub = await purchase(h, client);
    const starter = await purchase(h, client, "starter");
    const now = new Date();
    const ok = { subscriptionId: sub, dimension: "api-calls", quantity: 1, timestamp: now.toISOString() };
    const result = await ingestUsage(
      h.db.db,
      [
        ok,
        { ...ok, subscriptionId: "00000000-0000-4000-8000-00000000abcd" },
        { ...ok, subscriptionId: starter },
        { ...ok, dimension: "sms" },
        { ...ok, timestamp: new Date(hoursAgo(0).getTime() - 24 * HOUR_MS).toISOString() },
        { ...ok, timestamp: new Date(now.getTime() + 3600_000).toISOString() },
        { ...ok, quantity: 0 },
        { ...ok, dimension: "storage-gb", quantity: 3 },
      ],
      api,
      { now },
    );
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, "unknown_subscription"],
      [2, "not_metered"],
      [3, "unknown_dimension"],
      [4, "outside_window"],
      [5, "outside_window"],
      [6, "invalid"],
    ]);
  });

  it("fetches the offer's plans from Microsoft once when the subscription's plan is not in the catalogue, then decides", async () => {
    const sub = await purchase(h, client);
    // Activated without the landing page: the subscription is known, its plan is not (yet).
    await h.db.db.delete(plans).where(eq(plans.offerId, "contoso-analytics"));
    const now = new Date();
    const ok = { subscriptionId: sub, dimension: "api-calls", quantity: 1, timestamp: now.toISOString() };
    let calls = 0;
    const counting: PlansClient = {
      listAvailablePlans: (id, planId, call) => {
        calls += 1;
        return client.listAvailablePlans(id, planId, call);
      },
    };
    const events = [ok, { ...ok, dimension: "sms" }, { ...ok, quantity: 2 }];
    expect(await ingestUsage(h.db.db, events, api, { now })).toMatchObject({ accepted: 0, rejected: [{ code: "not_metered" }, {}, {}] });
    expect(calls).toBe(0);
    const result = await ingestUsage(h.db.db, events, api, { now, plans: counting });
    expect(calls).toBe(1);
    expect(result).toEqual({ accepted: 2, duplicates: 0, rejected: [expect.objectContaining({ index: 1, code: "unknown_dimension" })] });
    const [stored] = await h.db.db
      .select()
      .from(plans)
      .where(and(eq(plans.offerId, "contoso-analytics"), eq(plans.planId, "professional")));
    expect(stored?.meteringDimensions.map((d) => d.id)).toContain("api-calls");
    // Known from now on: no further call.
    await ingestUsage(h.db.db, [ok], api, { now, plans: counting });
    expect(calls).toBe(1);
  });

  it("refuses the events as not metered when Microsoft cannot list the plans, and keeps the others", async () => {
    const sub = await purchase(h, client);
    const other = await purchase(h, client, "starter");
    await h.db.db.delete(plans).where(and(eq(plans.offerId, "contoso-analytics"), eq(plans.planId, "professional")));
    const now = new Date();
    const failing: PlansClient = { listAvailablePlans: () => Promise.reject(new Error("503 from Microsoft")) };
    const logs = captureLogs("warn");
    const result = await ingestUsage(
      h.db.db,
      [
        { subscriptionId: sub, dimension: "api-calls", quantity: 1, timestamp: now.toISOString() },
        { subscriptionId: other, dimension: "api-calls", quantity: 1, timestamp: now.toISOString() },
      ],
      api,
      { now, plans: failing },
    );
    const warnings = logs.restore();
    expect(result.rejected.map((r) => [r.index, r.code])).toEqual([
      [0, "not_metered"],
      [1, "not_metered"],
    ]);
    expect(warnings).toEqual([
      expect.objectContaining({
        msg: "metering: could not fetch the offer's plans",
        err: expect.objectContaining({ message: "503 from Microsoft" }),
      }),
    ]);
  });
});
