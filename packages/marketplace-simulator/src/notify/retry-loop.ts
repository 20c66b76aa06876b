import type { DbOrTx } from "../db";
import { attemptDelivery, type DeliveryDeps } from "./deliver";
import { claimDueDeliveries, hasPendingDeliveries } from "./queries";
import { resolveWebhookSettings, type WebhookSettingsOverrides } from "./settings";

export interface RetryLoopOptions {
  intervalMs?: number;
  batchSize?: number;
  /** Stop by itself once nothing is pending; `sendWebhook` starts it again on the next failure. */
  stopWhenIdle?: boolean;
  settings?: WebhookSettingsOverrides;
  fetch?: typeof fetch;
  now?: () => Date;
}

export interface WebhookRetryLoop {
  runOnce(): Promise<number>;
  stop(): Promise<void>;
  readonly stopped: boolean;
}

/** Leases outlive an attempt's timeout, so a live worker never has its row taken away. */
const LEASE_MARGIN_MS = 30_000;

export function startWebhookRetryLoop(db: DbOrTx, options: RetryLoopOptions = {}): WebhookRetryLoop {
  const deps: DeliveryDeps = { fetch: options.fetch ?? globalThis.fetch.bind(globalThis), now: options.now ?? (() => new Date()) };
  const intervalMs = options.intervalMs ?? 1_000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pass: Promise<unknown> | undefined;

  async function runOnce(): Promise<number> {
    const settings = await resolveWebhookSettings(db, options.settings);
    const now = deps.now();
    const claimed = await claimDueDeliveries(
      db,
      now,
      new Date(now.getTime() + settings.timeoutMs + LEASE_MARGIN_MS),
      options.batchSize ?? 10,
    );
    for (const delivery of claimed) await attemptDelivery(db, delivery, settings, deps);
    return claimed.length;
  }

  async function tick() {
    try {
      const attempted = await runOnce();
      if (options.stopWhenIdle && attempted === 0 && !(await hasPendingDeliveries(db))) stopped = true;
    } catch (err) {
      console.error("[simulator] webhook retry pass failed", err);
    }
    if (!stopped) schedule();
  }

  function schedule() {
    timer = setTimeout(() => {
      pass = tick();
    }, intervalMs);
    // Never keep the process alive just for retries.
    timer.unref?.();
  }

  schedule();
  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await pass;
    },
    get stopped() {
      return stopped;
    },
  };
}

// One background loop per database handle and process, started on demand.
const globalLoops = globalThis as unknown as { simulatorWebhookLoops?: WeakMap<object, WebhookRetryLoop> };

export function ensureWebhookRetryLoop(db: DbOrTx, options: RetryLoopOptions = {}): WebhookRetryLoop {
  const loops = (globalLoops.simulatorWebhookLoops ??= new WeakMap());
  const current = loops.get(db);
  if (current && !current.stopped) return current;
  const loop = startWebhookRetryLoop(db, { stopWhenIdle: true, ...options });
  loops.set(db, loop);
  return loop;
}

export function isWebhookRetryLoopRunning(db: DbOrTx): boolean {
  const loop = globalLoops.simulatorWebhookLoops?.get(db);
  return Boolean(loop && !loop.stopped);
}

export async function stopWebhookRetryLoop(db: DbOrTx): Promise<void> {
  const loop = globalLoops.simulatorWebhookLoops?.get(db);
  globalLoops.simulatorWebhookLoops?.delete(db);
  await loop?.stop();
}
