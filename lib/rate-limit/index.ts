import "server-only";
import { log } from "@/lib/log";
import { getTableName } from "drizzle-orm";
import { getDatabase, type DatabaseHandle } from "@/db";
import { rateLimits } from "@/db/schema";
import { createAbuseLimiter, type AbuseLimiter, type LimitDecision, type LimiterOptions } from "./limiter";
import {
  LANDING_RESOLVES_PER_MINUTE,
  SELF_SERVICE_CHANGES_PER_MINUTE,
  SIGN_IN_STARTS_PER_MINUTE,
  WEBHOOK_UNAUTHENTICATED_PER_MINUTE,
} from "./limits";

export type { AbuseLimiter, LimitDecision } from "./limiter";
export { clientAddressOf } from "./address";

export interface AbuseLimits {
  landingResolve: AbuseLimiter;
  signInStart: AbuseLimiter;
  selfServiceChange: AbuseLimiter;
  webhookUnauthenticated: AbuseLimiter;
}

/** The portal's limiters on a database: shared through PostgreSQL, in memory on PGlite (one process). */
export function createAbuseLimits(handle: Pick<DatabaseHandle, "kind" | "pool">, opts: LimiterOptions = {}): AbuseLimits {
  const store =
    handle.kind === "postgres" && handle.pool
      ? ({ kind: "postgres", pool: handle.pool, tableName: getTableName(rateLimits) } as const)
      : ({ kind: "memory" } as const);
  return {
    landingResolve: createAbuseLimiter(LANDING_RESOLVES_PER_MINUTE, store, opts),
    signInStart: createAbuseLimiter(SIGN_IN_STARTS_PER_MINUTE, store, opts),
    selfServiceChange: createAbuseLimiter(SELF_SERVICE_CHANGES_PER_MINUTE, store, opts),
    webhookUnauthenticated: createAbuseLimiter(WEBHOOK_UNAUTHENTICATED_PER_MINUTE, store, opts),
  };
}

// On globalThis: route bundles and the production server's webhook path must count in one place.
const globalForLimits = globalThis as unknown as { portalAbuseLimits?: Promise<AbuseLimits> };

/** This process's limiters, on its database; built on first use. */
function getAbuseLimits(): Promise<AbuseLimits> {
  globalForLimits.portalAbuseLimits ??= getDatabase()
    .then(createAbuseLimits)
    .catch((err) => {
      globalForLimits.portalAbuseLimits = undefined;
      throw err;
    });
  return globalForLimits.portalAbuseLimits;
}

/** Counts one attempt against this process's limit `name`; allows (with a warning) when the database cannot be opened. */
export async function consumeAbuseLimit(name: keyof AbuseLimits, address: string): Promise<LimitDecision> {
  let limits: AbuseLimits;
  try {
    limits = await getAbuseLimits();
  } catch (err) {
    log.warn({ limiter: name, err }, "rate-limit: no limiter, allowing the attempt");
    return { allowed: true };
  }
  return limits[name].consume(address);
}
