import "server-only";

/**
 * Liveness of this process's background loops, for readiness (/api/health/ready). A loop registers
 * once when it starts and reports after every pass, whether the pass found work or failed: a loop
 * that stops reporting for `staleAfterMs` has stopped or hangs. Loops that do not run in this process
 * (another role runs them) never register, so readiness checks only what this process runs.
 *
 *   const alive = registerWorker("inbox", { staleAfterMs: 60_000 });
 *   ... after each pass: alive.beat(); ... on shutdown: alive.stop();
 */
export interface WorkerHeartbeat {
  /** One pass is over (successful or not): the loop is still going round. */
  beat(): void;
  /** The loop has stopped on purpose (drain on SIGTERM): no longer expected to beat. */
  stop(): void;
}

export interface WorkerState {
  name: string;
  ok: boolean;
  /** When it last went round (or registered, before its first pass). */
  lastBeatAt: string;
  staleAfterMs: number;
}

interface Entry {
  lastBeatAt: number;
  staleAfterMs: number;
}

// On globalThis: instrumentation (where loops start) and route handlers are separate bundles.
const KEY = Symbol.for("marketplace-portal.health.workers");
const registry = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map<string, Entry>()) as Map<string, Entry>;

export function registerWorker(name: string, opts: { staleAfterMs: number }, now: () => number = Date.now): WorkerHeartbeat {
  const entry: Entry = { lastBeatAt: now(), staleAfterMs: opts.staleAfterMs };
  registry.set(name, entry);
  return {
    beat: () => void (entry.lastBeatAt = now()),
    stop: () => void (registry.get(name) === entry && registry.delete(name)),
  };
}

/** Every registered loop, and whether it went round recently enough. */
export function workerStates(now: number = Date.now()): WorkerState[] {
  return [...registry].map(([name, e]) => ({
    name,
    ok: now - e.lastBeatAt <= e.staleAfterMs,
    lastBeatAt: new Date(e.lastBeatAt).toISOString(),
    staleAfterMs: e.staleAfterMs,
  }));
}
