import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createAbuseLimiter, retryAfterSeconds } from "./limiter";
import { LANDING_RESOLVES_PER_MINUTE, SIGN_IN_STARTS_PER_MINUTE, WEBHOOK_UNAUTHENTICATED_PER_MINUTE, type LimitSpec } from "./limits";

const spec = (points: number): LimitSpec => ({ name: `test-${points}`, points, durationSeconds: 60 });

describe("abuse limiter (memory store)", () => {
  it("allows `points` attempts per key, then refuses with a Retry-After within the window", async () => {
    const limiter = createAbuseLimiter(spec(3), { kind: "memory" });
    for (let i = 0; i < 3; i++) expect(await limiter.consume("203.0.113.7")).toEqual({ allowed: true });
    const refused = await limiter.consume("203.0.113.7");
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another address has its own count.
    expect(await limiter.consume("198.51.100.1")).toEqual({ allowed: true });
  });

  it("states Retry-After in whole seconds, rounded up and never 0", () => {
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1000)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
    expect(retryAfterSeconds(59_999)).toBe(60);
  });

  it("documents the portal's limits", () => {
    expect([LANDING_RESOLVES_PER_MINUTE.points, SIGN_IN_STARTS_PER_MINUTE.points, WEBHOOK_UNAUTHENTICATED_PER_MINUTE.points]).toEqual([
      30, 20, 60,
    ]);
    expect(WEBHOOK_UNAUTHENTICATED_PER_MINUTE.blockInMemory).toBe(true);
  });
});

describe("abuse limiter when its database fails", () => {
  // Nothing listens on port 1: every query fails to connect, as when PostgreSQL is down.
  const pool = new pg.Pool({ connectionString: "postgres://portal@127.0.0.1:1/portal", max: 1 });
  pool.on("error", () => {});
  afterAll(() => pool.end());

  it("fails open with one warning, and keeps counting in memory meanwhile", async () => {
    const warnings: string[] = [];
    const limiter = createAbuseLimiter(
      spec(2),
      { kind: "postgres", pool, tableName: "rate_limits" },
      { log: { warn: (m: string) => warnings.push(m) } },
    );
    expect(await limiter.consume("203.0.113.7")).toEqual({ allowed: true });
    expect(await limiter.consume("203.0.113.7")).toEqual({ allowed: true });
    expect(warnings).toEqual([expect.stringContaining("rate-limit: the database did not answer for test-2")]);
    // The insurance limiter holds the same limit in this instance.
    expect((await limiter.consume("203.0.113.7")).allowed).toBe(false);
    expect(warnings).toHaveLength(1);
  });
});
