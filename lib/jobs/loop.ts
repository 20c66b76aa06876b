import "server-only";
import { outsideRequest } from "@/lib/log";

/**
 * The one primitive every background loop runs on (webhook inbox, operation tracker, scheduled
 * sync, outbound delivery, usage submission): one tick at a time, a tick every `intervalMs`,
 * another at once when kicked during a tick, a growing pause after failed ticks, and a drain that
 * lets the current tick finish. Its timer never keeps the process alive on its own. Each loop
 * keeps a heartbeat that readiness reads (`loopStatus()`).
 */

export interface LoopTick {
  /** True once stop() or drain was called: a tick that works through a backlog should end early. */
  isStopping(): boolean;
  /** Aborted on stop(), for ticks that hand the cancellation on (fetch, long runs). */
  signal: AbortSignal;
}

export interface LoopOptions {
  /** Shown in logs and in loopStatus(), e.g. "webhook-inbox". */
  name: string;
  intervalMs: number;
  /** Delay before the first tick (default 0: at once). */
  firstTickAfterMs?: number;
  tick: (ctx: LoopTick) => Promise<void>;
  /** Error reporting for a failed tick; the loop carries on after the back-off. */
  onError: (err: unknown) => void;
  /** Longest pause after consecutive failures (default: the larger of the interval and 60 s). */
  maxBackoffMs?: number;
}

export interface LoopStatus {
  name: string;
  intervalMs: number;
  startedAt: Date;
  /** A tick is running now. */
  running: boolean;
  lastTickStartedAt: Date | null;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** When the next tick is due (null while one runs or once stopped). */
  nextTickAt: Date | null;
  stopped: boolean;
}

export interface Loop {
  readonly name: string;
  /** Run a tick now, or right after the current one if a tick is running. */
  kick(): void;
  /** No new ticks; resolves once the current tick has finished, or after `timeoutMs` if given. */
  stop(opts?: { timeoutMs?: number }): Promise<void>;
  status(): LoopStatus;
}

/** Pause before the next tick after `failures` failed ticks in a row: the interval, doubled per failure, capped. */
export function backoffAfter(failures: number, intervalMs: number, maxBackoffMs: number): number {
  if (failures <= 0) return intervalMs;
  return Math.max(intervalMs, Math.min(maxBackoffMs, intervalMs * 2 ** failures));
}

// On globalThis: start-up and the route handlers that read the heartbeats are separate module graphs in Next.js.
const globalForLoops = globalThis as unknown as { portalLoops?: Set<Loop> };
const running = (globalForLoops.portalLoops ??= new Set());

export function startLoop(options: LoopOptions): Loop {
  const maxBackoffMs = options.maxBackoffMs ?? Math.max(options.intervalMs, 60_000);
  const controller = new AbortController();
  const ctx: LoopTick = { isStopping: () => controller.signal.aborted, signal: controller.signal };
  const state: Omit<LoopStatus, "name" | "intervalMs" | "running" | "stopped"> = {
    startedAt: new Date(),
    lastTickStartedAt: null,
    lastSuccessAt: null,
    lastErrorAt: null,
    lastError: null,
    consecutiveFailures: 0,
    nextTickAt: null,
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> | undefined;
  let again = false;

  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    state.nextTickAt = new Date(Date.now() + ms);
    timer = setTimeout(tick, ms);
    timer.unref?.();
  };

  const tick = () => {
    if (controller.signal.aborted) return;
    if (current) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = undefined;
    state.nextTickAt = null;
    state.lastTickStartedAt = new Date();
    current = Promise.resolve()
      .then(() => options.tick(ctx))
      .then(
        () => {
          state.lastSuccessAt = new Date();
          state.consecutiveFailures = 0;
        },
        (err: unknown) => {
          state.lastErrorAt = new Date();
          state.lastError = err instanceof Error ? err.message : String(err);
          state.consecutiveFailures++;
          options.onError(err);
        },
      )
      .finally(() => {
        current = undefined;
        if (controller.signal.aborted) return;
        if (again) {
          again = false;
          queueMicrotask(tick);
        } else {
          schedule(backoffAfter(state.consecutiveFailures, options.intervalMs, maxBackoffMs));
        }
      });
  };

  const loop: Loop = {
    name: options.name,
    kick: () => outsideRequest(tick),
    async stop(opts = {}) {
      running.delete(loop);
      if (!controller.signal.aborted) controller.abort();
      if (timer) clearTimeout(timer);
      state.nextTickAt = null;
      if (!current) return;
      if (opts.timeoutMs === undefined) return current;
      let bound: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([current, new Promise<void>((resolve) => (bound = setTimeout(resolve, opts.timeoutMs)))]);
      clearTimeout(bound);
    },
    status: () => ({
      name: options.name,
      intervalMs: options.intervalMs,
      running: current !== undefined,
      stopped: controller.signal.aborted,
      ...state,
    }),
  };
  running.add(loop);
  if (options.firstTickAfterMs) schedule(options.firstTickAfterMs);
  else tick();
  return loop;
}

/** The heartbeat of every loop running in this process (none in the `web` role). */
export function loopStatus(): LoopStatus[] {
  return [...running].map((l) => l.status());
}

/**
 * The loop should have started its next tick more than `graceMs` ago (a blocked event loop, or a
 * loop that died). A tick still running counts as alive.
 */
export function isOverdue(s: LoopStatus, now: number, graceMs: number): boolean {
  return !s.running && !s.stopped && s.nextTickAt !== null && now > s.nextTickAt.getTime() + graceMs;
}

/** SIGTERM: every loop stops scheduling and finishes its current tick, waiting at most `timeoutMs` in all. */
export async function drainLoops(timeoutMs = 10_000): Promise<void> {
  await Promise.all([...running].map((l) => l.stop({ timeoutMs })));
}
