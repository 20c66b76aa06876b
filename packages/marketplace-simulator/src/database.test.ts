import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestDatabase, testDatabases } from "@/test/db";
import { getRuntimeConfig } from "./config";
import { prepareSimulatorDatabase } from "./database";
import { simOffers, simPlans, simRuntimeConfig } from "./schema";
import { seedOffers, seedPlans } from "./seed-data";
import { tolerateTeardown } from "./testing/harness";
import { openPostgres } from "./testing/postgres";

describe.each(testDatabases("both"))("simulator setup on %s", (kind) => {
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
    const a = openPostgres(t.url!, 3);
    const b = openPostgres(t.url!, 3);
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
