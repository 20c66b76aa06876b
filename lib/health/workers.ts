import "server-only";
import { isOverdue, loopStatus, type LoopStatus } from "@/lib/jobs/loop";

/**
 * Liveness of this process's background loops, for readiness (/api/health/ready), read from the loop
 * primitive's own heartbeat (lib/jobs/loop.ts). Loops that do not run in this process (another role
 * runs them) are not listed, so readiness checks only what this process runs.
 */
export interface WorkerState {
  name: string;
  ok: boolean;
  /** When its last tick started (or the loop started, before its first tick). */
  lastBeatAt: string;
  /** How late its next tick may be before the loop counts as stopped or hung. */
  staleAfterMs: number;
}

/** A tick overdue by more than this: a blocked event loop, or a loop that died. */
export const LOOP_GRACE_MS = 30_000;

/** Every running loop, and whether it goes round on time; a tick still running counts as alive. */
export function workerStates(now: number = Date.now(), loops: LoopStatus[] = loopStatus()): WorkerState[] {
  return loops
    .filter((l) => !l.stopped)
    .map((l) => ({
      name: l.name,
      ok: !isOverdue(l, now, LOOP_GRACE_MS),
      lastBeatAt: (l.lastTickStartedAt ?? l.startedAt).toISOString(),
      staleAfterMs: l.intervalMs + LOOP_GRACE_MS,
    }));
}
