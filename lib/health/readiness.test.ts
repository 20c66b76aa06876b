import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { MIGRATIONS_DIR } from "@/db/migrate";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { cachedReadiness, checkReadiness, clearReadinessCache, READINESS_CACHE_MS } from "./readiness";
import { startLoop } from "@/lib/jobs/loop";
import { captureLogs } from "@/test/console";
import { LOOP_GRACE_MS, workerStates } from "./workers";

const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, "meta/_journal.json"), "utf8")) as { entries: Array<{ tag: string }> };
const head = journal.entries.at(-1)!.tag;

describe.each(testDatabases("one"))("readiness on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t.close());
  afterEach(() => {
    vi.restoreAllMocks();
    clearReadinessCache();
  });

  const deps = (over: Partial<Parameters<typeof checkReadiness>[0]> = {}) => ({
    getDatabase: async () => t,
    mode: "simulator" as const,
    getToken: null,
    workers: () => [],
    ...over,
  });

  it("is ready on a migrated database, with the token check skipped outside live mode", async () => {
    const r = await checkReadiness(deps());
    expect(r).toMatchObject({
      ready: true,
      checks: {
        database: { ok: true },
        migrations: { ok: true },
        workers: { ok: true },
        marketplaceToken: { ok: true, skipped: "simulator mode" },
      },
    });
  });

  it("is not ready when the database lacks the newest migration, and names it", async () => {
    const logs = captureLogs("error");
    const newest = await t.db.execute(sql`select max(created_at) as at from drizzle.__drizzle_migrations`);
    const at = (newest as unknown as { rows: Array<{ at: string }> }).rows[0]!.at;
    await t.db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${at}`);
    try {
      const r = await checkReadiness(deps());
      expect(r.ready).toBe(false);
      expect(r.checks.migrations).toEqual({ ok: false, pending: [head], error: "1 migration(s) not applied" });
      expect(r.checks.database.ok).toBe(true);
    } finally {
      await t.db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('restored', ${at})`);
    }
    expect(logs.restore()).toEqual([]);
  });

  it("is not ready when a loop this process runs has stopped going round", async () => {
    const started = Date.now();
    let release: () => void = () => {};
    const inbox = startLoop({
      name: "inbox-test",
      intervalMs: 60_000,
      tick: () => new Promise<void>((resolve) => (release = resolve)),
      onError: () => {},
    });
    try {
      // The first tick is running (however long it takes): alive.
      expect((await checkReadiness(deps({ workers: () => workerStates(started + 600_000) }))).ready).toBe(true);
      release();
      await vi.waitFor(() => expect(inbox.status().nextTickAt).not.toBeNull());
      const due = inbox.status().nextTickAt!.getTime();
      expect((await checkReadiness(deps({ workers: () => workerStates(due + LOOP_GRACE_MS) }))).ready).toBe(true);
      const r = await checkReadiness(deps({ workers: () => workerStates(due + LOOP_GRACE_MS + 1) }));
      expect(r.ready).toBe(false);
      expect(r.checks.workers).toMatchObject({ ok: false, error: "not running: inbox-test" });
    } finally {
      await inbox.stop();
    }
    expect(workerStates().map((w) => w.name)).not.toContain("inbox-test");
  });

  it("in live mode, is not ready without a marketplace token, and says so without the provider's words", async () => {
    const logs = captureLogs("error");
    const r = await checkReadiness(
      deps({ mode: "live", getToken: () => Promise.reject(new Error("AADSTS7000215: Invalid client secret provided: s3cr3t-value")) }),
    );
    expect(r.ready).toBe(false);
    expect(r.checks.marketplaceToken).toEqual({ ok: false, error: "no marketplace API token with the configured credential" });
    expect(JSON.stringify(r)).not.toContain("s3cr3t");
    expect(logs.restore()).toEqual([
      expect.objectContaining({
        msg: "health: readiness check failed",
        check: "marketplace token",
        err: expect.objectContaining({ message: expect.stringContaining("AADSTS7000215") }),
      }),
    ]);
  });

  it("answers from its cache for 30 s, then checks again", async () => {
    let now = 5_000_000;
    const getDatabase = vi.fn(async () => t);
    const first = await cachedReadiness(
      () => deps({ getDatabase }),
      () => now,
    );
    now += READINESS_CACHE_MS - 1;
    expect(
      await cachedReadiness(
        () => deps({ getDatabase }),
        () => now,
      ),
    ).toBe(first);
    expect(getDatabase).toHaveBeenCalledTimes(1);
    now += 1;
    await cachedReadiness(
      () => deps({ getDatabase }),
      () => now,
    );
    expect(getDatabase).toHaveBeenCalledTimes(2);
  });

  it("is not ready, within its deadline, when the database does not answer", async () => {
    const logs = captureLogs("error");
    const r = await checkReadiness(deps({ getDatabase: () => new Promise(() => {}), timeoutMs: 50 }));
    expect(r.checks.database).toEqual({ ok: false, error: "database unreachable (no answer within 50 ms)" });
    expect(r.checks.migrations.ok).toBe(false);
    expect(logs.restore()).toHaveLength(1);
  });
});
