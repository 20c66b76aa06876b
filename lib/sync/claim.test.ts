import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getSyncRun, listSyncRuns, saveSyncInterval } from "@/db/queries/sync";
import { auditEvents, subscriptions, syncRuns } from "@/db/schema";
import type { MarketplaceSubscription } from "@/lib/marketplace";
import { openDatabase } from "@/db/client";
import { testDatabases } from "@/test/db";
import { claimSyncRun } from "./claim";
import { runSync, type SyncClient } from "./run-sync";
import { startScheduledSync } from "./scheduler";
import { startSyncInBackground } from "./start-sync";
import { startSyncFixture, type SyncFixture } from "./testing/fixture";
import { seedSimulatorSubscriptions } from "./testing/sim-subscriptions";

/** A client whose list waits until the test opens the gate: a run stays "running" meanwhile. */
function gatedClient(inner: SyncClient) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let entered!: () => void;
  const started = new Promise<void>((resolve) => (entered = resolve));
  const client: SyncClient = {
    async *listSubscriptions(options) {
      entered();
      await gate;
      yield* inner.listSubscriptions(options) as AsyncIterable<MarketplaceSubscription>;
    },
  };
  return { client, open, started };
}

const waitFor = async (check: () => Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(testDatabases("both"))("one sync at a time on %s", (kind) => {
  let f: SyncFixture;
  beforeAll(async () => {
    f = await startSyncFixture(kind);
  });
  afterAll(async () => f?.h.close());
  beforeEach(async () => {
    await f.h.reset();
    await f.clearPortal();
    await seedSimulatorSubscriptions(f.h.db.db, 120);
  });

  it("refuses a second run, manual or scheduled, while one is running", async () => {
    const gated = gatedClient(f.client);
    const first = runSync(f.h.db.db, gated.client, { startedBy: "a@isv.example" });
    await gated.started;
    expect(await runSync(f.h.db.db, f.client, { startedBy: "b@isv.example" })).toBeNull();
    expect(await claimSyncRun(f.h.db.db, { trigger: "scheduled" })).toBeNull();
    expect(await startSyncInBackground(f.h.db.db, f.client, { startedBy: "c@isv.example" })).toBeNull();
    gated.open();
    expect(await first).toMatchObject({ status: "succeeded", imported: 120, startedBy: "a@isv.example" });
    expect(await listSyncRuns(f.h.db.db)).toHaveLength(1);
  });

  it("closes a run whose instance stopped reporting, and lets the next claim through", async () => {
    const gated = gatedClient(f.client);
    const stuck = runSync(f.h.db.db, gated.client, { startedBy: "a@isv.example" });
    await gated.started;
    const id = (await listSyncRuns(f.h.db.db))[0]!.id;
    expect(await claimSyncRun(f.h.db.db, { trigger: "manual" })).toBeNull();
    await f.h.db.db
      .update(syncRuns)
      .set({ heartbeatAt: sql`now() - interval '10 minutes'` })
      .where(eq(syncRuns.id, id));

    const next = await claimSyncRun(f.h.db.db, { trigger: "manual" });
    expect(next).toMatchObject({ status: "running", expectedTotal: 0 });
    expect(await getSyncRun(f.h.db.db, id)).toMatchObject({ status: "failed", error: expect.stringMatching(/Abandoned/) });
    const [event] = await f.h.db.db.select().from(auditEvents).where(eq(auditEvents.targetId, id));
    expect(event).toMatchObject({ action: "sync.abandoned", actorType: "system" });

    // The first run's instance wakes up: its page is refused as a whole, and it stops.
    gated.open();
    expect(await stuck).toMatchObject({ id, status: "failed", seen: 0, imported: 0 });
    expect(await f.h.db.db.$count(subscriptions)).toBe(0);
  });

  it("starts Sync now outside the request and reports progress until it finishes", async () => {
    const gated = gatedClient(f.client);
    const run = await startSyncInBackground(f.h.db.db, gated.client, { startedBy: "operator@isv.example" });
    expect(run).toMatchObject({ status: "running", trigger: "manual", pages: 0 });
    gated.open();
    await waitFor(async () => (await getSyncRun(f.h.db.db, run!.id))?.status !== "running");
    expect(await getSyncRun(f.h.db.db, run!.id)).toMatchObject({ status: "succeeded", pages: 2, seen: 120, imported: 120 });
    // The next estimate for the progress bar comes from what is known now.
    expect((await claimSyncRun(f.h.db.db, { trigger: "manual" }))?.expectedTotal).toBe(120);
  });

  it("schedules runs by the stored interval, once across two instances", async () => {
    // Two "instances": on PostgreSQL a second connection pool on the same database; PGlite has one connection.
    const second = f.h.db.url ? openDatabase({ kind: "postgres", url: f.h.db.url }) : null;
    try {
      const secondDb = async () => second?.db ?? f.h.db.db;
      const a = startScheduledSync({
        getDb: async () => f.h.db.db,
        getClient: () => f.client,
        checkEveryMs: 15,
        firstCheckAfterMs: 0,
        log: quiet,
      });
      const b = startScheduledSync({ getDb: secondDb, getClient: () => f.client, checkEveryMs: 15, firstCheckAfterMs: 0, log: quiet });
      await waitFor(async () => (await listSyncRuns(f.h.db.db)).some((r) => r.status === "succeeded"));
      await new Promise((r) => setTimeout(r, 200));
      await Promise.all([a.stop(), b.stop()]);
      const runs = await listSyncRuns(f.h.db.db);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ trigger: "scheduled", status: "succeeded", startedBy: null });
    } finally {
      await second?.close();
    }
  });

  it("does not run while the schedule is off, and honours a shorter interval", async () => {
    await saveSyncInterval(f.h.db.db, 0, "owner@isv.example");
    const off = startScheduledSync({
      getDb: async () => f.h.db.db,
      getClient: () => f.client,
      checkEveryMs: 10,
      firstCheckAfterMs: 0,
      log: quiet,
    });
    await new Promise((r) => setTimeout(r, 150));
    await off.stop();
    expect(await listSyncRuns(f.h.db.db)).toHaveLength(0);

    await f.h.db.db
      .insert(syncRuns)
      .values({ trigger: "manual", status: "succeeded", startedAt: new Date(Date.now() - 20 * 60_000), finishedAt: new Date() });
    await saveSyncInterval(f.h.db.db, 15, "owner@isv.example");
    const on = startScheduledSync({
      getDb: async () => f.h.db.db,
      getClient: () => f.client,
      checkEveryMs: 10,
      firstCheckAfterMs: 0,
      log: quiet,
    });
    await waitFor(async () => (await listSyncRuns(f.h.db.db)).some((r) => r.trigger === "scheduled" && r.status !== "running"));
    await on.stop();
    expect((await listSyncRuns(f.h.db.db)).filter((r) => r.trigger === "scheduled")).toHaveLength(1);
  });
});

const quiet = { warn: () => {}, error: (...args: unknown[]) => console.error(...args) };
