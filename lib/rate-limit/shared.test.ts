import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { createAbuseLimits } from "./index";
import { LANDING_RESOLVES_PER_MINUTE } from "./limits";

describe.each(testDatabases("both"))("abuse limits on the portal's database (%s)", (kind) => {
  let t: TestDatabase;
  const extra: DatabaseHandle[] = [];
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    for (const h of extra) await h.close();
    await t?.close();
  });

  it("counts in memory on PGlite and in the shared table on PostgreSQL", async () => {
    const limits = createAbuseLimits(t);
    expect(await limits.signInStart.consume("203.0.113.9")).toEqual({ allowed: true });
    const rows = await t.db.select({ key: rateLimits.key, points: rateLimits.points }).from(rateLimits);
    expect(rows).toEqual(kind === "postgres" ? [{ key: "sign-in-start:203.0.113.9", points: 1 }] : []);
  });

  it.runIf(kind === "postgres")("shares one count between two instances on the same database", async () => {
    // Two app instances: each its own pool and its own limiters, as two processes would have.
    const a = openDatabase({ kind: "postgres", url: t.url! }, { poolSize: 2 });
    const b = openDatabase({ kind: "postgres", url: t.url! }, { poolSize: 2 });
    extra.push(a, b);
    const [first, second] = [createAbuseLimits(a).landingResolve, createAbuseLimits(b).landingResolve];
    const address = "198.51.100.23";
    for (let i = 0; i < LANDING_RESOLVES_PER_MINUTE.points; i++) {
      expect(await (i % 2 === 0 ? first : second).consume(address)).toEqual({ allowed: true });
    }
    const refusedByA = await first.consume(address);
    const refusedByB = await second.consume(address);
    expect(refusedByA.allowed).toBe(false);
    expect(refusedByB.allowed).toBe(false);
    if (!refusedByB.allowed) expect(refusedByB.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // Another address on either instance is unaffected.
    expect(await second.consume("198.51.100.24")).toEqual({ allowed: true });
  });
});
