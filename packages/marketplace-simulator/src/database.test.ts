import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { createTestDatabase, testDatabaseKinds } from "@/test/db";
import { getRuntimeConfig } from "./config";
import { prepareSimulatorDatabase, simulatorDatabaseConfig } from "./database";
import { simOffers, simPlans, simRuntimeConfig } from "./schema";
import { seedOffers, seedPlans } from "./seed-data";
import { tolerateTeardown } from "./testing/harness";

describe("simulator database location", () => {
  it("shares PostgreSQL and in-memory PGlite, and moves file-backed PGlite to a sibling folder", () => {
    expect(simulatorDatabaseConfig({ kind: "postgres", url: "postgres://x/db" })).toEqual({ kind: "postgres", url: "postgres://x/db" });
    expect(simulatorDatabaseConfig({ kind: "pglite", dir: "memory://" })).toEqual({ kind: "pglite", dir: "memory://" });
    expect(simulatorDatabaseConfig({ kind: "pglite", dir: ".data/pglite/" })).toEqual({ kind: "pglite", dir: ".data/pglite-simulator" });
  });
});

describe.each(testDatabaseKinds)("simulator setup on %s", (kind) => {
  it("migrates and seeds lazily, and again without duplicating or overwriting anything", async () => {
    const t = await createTestDatabase(kind);
    tolerateTeardown(t);
    try {
      await prepareSimulatorDatabase(t);
      await t.db.update(simRuntimeConfig).set({ rejectWindowMs: 1234 }).where(eq(simRuntimeConfig.id, 1));
      await prepareSimulatorDatabase(t);
      expect((await t.db.select({ n: count() }).from(simOffers))[0]!.n).toBe(seedOffers.length);
      expect((await t.db.select({ n: count() }).from(simPlans))[0]!.n).toBe(seedPlans.length);
      expect((await getRuntimeConfig(t.db)).rejectWindowMs).toBe(1234);
    } finally {
      await t.close();
    }
  });

  it.runIf(kind === "postgres")("lets two app instances start on one PostgreSQL at the same time", async () => {
    const t = await createTestDatabase("postgres");
    const a = openDatabase({ kind: "postgres", url: t.url! }, { poolSize: 3 });
    const b = openDatabase({ kind: "postgres", url: t.url! }, { poolSize: 3 });
    for (const handle of [t, a, b]) tolerateTeardown(handle);
    try {
      await Promise.all([prepareSimulatorDatabase(a), prepareSimulatorDatabase(b), prepareSimulatorDatabase(a)]);
      expect((await b.db.select({ n: count() }).from(simPlans))[0]!.n).toBe(seedPlans.length);
    } finally {
      await a.close();
      await b.close();
      await t.close();
    }
  });
});
