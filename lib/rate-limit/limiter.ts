import "server-only";
import { logConsole } from "@/lib/log";
import type pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, RLWrapperTimeouts } from "rate-limiter-flexible";
import type { LimitSpec } from "./limits";

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface AbuseLimiter {
  readonly spec: LimitSpec;
  /** Counts one attempt by `key` and says whether it may go ahead. Never throws: a store failure allows. */
  consume(key: string): Promise<LimitDecision>;
}

/** Where counts live: this process's memory (PGlite: one process anyway) or the shared PostgreSQL table. */
export type LimiterStore = { kind: "memory" } | { kind: "postgres"; pool: pg.Pool; tableName: string; timeoutMs?: number };

export interface LimiterOptions {
  log?: Pick<Console, "warn">;
  /** Clock for the warning's once-per-interval throttle. */
  now?: () => number;
}

/** The store's answer may take this long before the in-memory insurance decides instead. */
export const STORE_TIMEOUT_MS = 1_000;
const STORE_WARNING_INTERVAL_MS = 60_000;

/** Retry-After in whole seconds, at least 1 (RFC 9110 §10.2.3 counts delay-seconds). */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

/**
 * A limiter for `spec` on `store`. With PostgreSQL, every instance counts in one table
 * (db/schema/rate-limits.ts, created by the migrations, hence `tableCreated`); when the database
 * fails or is slow, rate-limiter-flexible's insurance limiter counts in memory instead and a warning
 * is logged at most once a minute, so sign-in and landing keep working with per-instance limits.
 */
export function createAbuseLimiter(spec: LimitSpec, store: LimiterStore, opts: LimiterOptions = {}): AbuseLimiter {
  const log = opts.log ?? logConsole;
  const now = opts.now ?? Date.now;
  const base = { keyPrefix: spec.name, points: spec.points, duration: spec.durationSeconds };
  // Blocking in memory at the limit: the key's further attempts are refused without a store round trip.
  const inMemory = spec.blockInMemory ? { inMemoryBlockOnConsumed: spec.points } : {};

  let limiter: { consume(key: string): Promise<unknown> };
  if (store.kind === "memory") {
    limiter = new RateLimiterMemory(base);
  } else {
    let warnedAt = -Infinity;
    const warn = () => {
      if (now() - warnedAt < STORE_WARNING_INTERVAL_MS) return;
      warnedAt = now();
      log.warn(`rate-limit: the database did not answer for ${spec.name}; counting in this instance's memory meanwhile`);
    };
    // Runs only when the store failed: rate-limiter-flexible hands the call to it.
    class Insurance extends RateLimiterMemory {
      override consume(key: string | number, points?: number, options?: { [key: string]: unknown }) {
        warn();
        return super.consume(key, points, options);
      }
    }
    const shared = new RateLimiterPostgres({
      ...base,
      ...inMemory,
      storeClient: store.pool,
      storeType: "pool",
      tableName: store.tableName,
      tableCreated: true,
      insuranceLimiter: new Insurance(base),
    });
    limiter = new RLWrapperTimeouts({ limiter: shared, timeoutMs: store.timeoutMs ?? STORE_TIMEOUT_MS });
  }

  return {
    spec,
    async consume(key) {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (err) {
        if (err instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: retryAfterSeconds(err.msBeforeNext) };
        // Only if the insurance itself failed: fail open rather than refuse a buyer.
        log.warn(`rate-limit: ${spec.name} could not count an attempt, allowing it`, err);
        return { allowed: true };
      }
    },
  };
}
