import "server-only";
import { log } from "@/lib/log";
import { pingDatabase } from "@/db/queries/health";
import { migrationStatus } from "@/db/migrate";
import type { DatabaseHandle } from "@/db";
import type { MarketplaceMode } from "@/lib/env";
import { workerStates, type WorkerState } from "./workers";

/**
 * Readiness: whether this instance should get traffic. A load balancer or Container Apps' readiness
 * probe polls it; liveness (/api/health/live) only says the process answers. Each check has a
 * deadline, so a hanging database or identity provider makes the answer "not ready", not no answer.
 * https://learn.microsoft.com/azure/container-apps/health-probes
 */
export interface ReadinessDeps {
  getDatabase: () => Promise<DatabaseHandle>;
  mode: MarketplaceMode;
  /** Live mode only: a token for the marketplace API with the configured credential. */
  getToken: (() => Promise<string>) | null;
  workers?: () => WorkerState[];
  timeoutMs?: number;
}

type Check = { ok: boolean; error?: string };

export interface Readiness {
  ready: boolean;
  checkedAt: string;
  checks: {
    database: Check & { latencyMs?: number };
    migrations: Check & { pending?: string[] };
    workers: Check & { workers: WorkerState[] };
    marketplaceToken: Check & { skipped?: string };
  };
}

class Timeout extends Error {}

function withDeadline<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Runs every check; details of a failure go to the log, the answer says only what failed. */
export async function checkReadiness(deps: ReadinessDeps, now: () => Date = () => new Date()): Promise<Readiness> {
  const ms = deps.timeoutMs ?? 5_000;
  const failed = (what: string, err: unknown, said: string): Check => {
    log.error({ check: what, err }, "health: readiness check failed");
    return { ok: false, error: err instanceof Timeout ? `${said} (${err.message})` : said };
  };

  const database = async (): Promise<[Readiness["checks"]["database"], Readiness["checks"]["migrations"]]> => {
    const started = performance.now();
    let handle: DatabaseHandle;
    try {
      handle = await withDeadline(ms, deps.getDatabase());
      await withDeadline(ms, pingDatabase(handle.db));
    } catch (err) {
      return [failed("database", err, "database unreachable"), { ok: false, error: "not checked: database unreachable" }];
    }
    const db = { ok: true, latencyMs: Math.round(performance.now() - started) };
    try {
      const { pending } = await withDeadline(ms, migrationStatus(handle));
      return [db, pending.length === 0 ? { ok: true } : { ok: false, pending, error: `${pending.length} migration(s) not applied` }];
    } catch (err) {
      return [db, failed("migrations", err, "migration state unreadable")];
    }
  };

  const token = async (): Promise<Readiness["checks"]["marketplaceToken"]> => {
    if (deps.mode !== "live" || !deps.getToken) return { ok: true, skipped: `${deps.mode} mode` };
    try {
      await withDeadline(ms, deps.getToken());
      return { ok: true };
    } catch (err) {
      return failed("marketplace token", err, "no marketplace API token with the configured credential");
    }
  };

  const [[db, migrations], marketplaceToken] = await Promise.all([database(), token()]);
  const states = (deps.workers ?? workerStates)();
  const stale = states.filter((w) => !w.ok).map((w) => w.name);
  const workers =
    stale.length === 0 ? { ok: true, workers: states } : { ok: false, workers: states, error: `not running: ${stale.join(", ")}` };
  const checks = { database: db, migrations, workers, marketplaceToken };
  return { ready: Object.values(checks).every((c) => c.ok), checkedAt: now().toISOString(), checks };
}

/** Probes come every few seconds from every load balancer: one real check per 30 s per process. */
export const READINESS_CACHE_MS = 30_000;

const KEY = Symbol.for("marketplace-portal.health.readiness");
type Cached = { at: number; result: Promise<Readiness> };
const store = globalThis as unknown as Record<symbol, Cached | undefined>;

export function cachedReadiness(deps: () => ReadinessDeps, nowMs: () => number = Date.now): Promise<Readiness> {
  const hit = store[KEY];
  if (hit && nowMs() - hit.at < READINESS_CACHE_MS) return hit.result;
  const result = checkReadiness(deps());
  store[KEY] = { at: nowMs(), result };
  return result;
}

/** Forgets the cached answer (tests). */
export function clearReadinessCache(): void {
  store[KEY] = undefined;
}
