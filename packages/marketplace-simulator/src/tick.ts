import type { Db } from "./db";
import { ensureWebhookRetryLoop } from "./notify/retry-loop";
import { settleDueOperations } from "./operations";
import { renewDueSubscriptions } from "./renewals";

const TICK_MS = 1_000;
const globalForTick = globalThis as unknown as { simulatorTick?: { db: Db; timer: NodeJS.Timeout; running: Promise<void> | null } };

/**
 * Settles due operations about once a second even when nobody reads them, so the webhook for a
 * Partner-started change goes out on time: operations never depend on the tick (every request
 * settles first, and the conditional settle makes concurrent ticks in other instances harmless).
 * It also renews auto-renewing subscriptions whose term is over, as Microsoft does on its own
 * schedule, each re-checked under its row lock.
 * Starting it also resumes webhook deliveries left retrying by an earlier process (the retry
 * loop stops by itself once none is pending).
 */
export function ensureSimulatorTick(db: Db): void {
  const current = globalForTick.simulatorTick;
  if (current?.db === db) return;
  if (current) clearInterval(current.timer);
  const timer = setInterval(() => {
    if (tick.running) return;
    const now = new Date();
    tick.running = settleDueOperations(db, now)
      .then(async () => {
        await renewDueSubscriptions(db, now);
      })
      .catch((err: unknown) => console.warn("[simulator] tick failed (settling operations or renewing)", err))
      .finally(() => {
        tick.running = null;
      });
  }, TICK_MS);
  timer.unref();
  const tick: { db: Db; timer: NodeJS.Timeout; running: Promise<void> | null } = { db, timer, running: null };
  globalForTick.simulatorTick = tick;
  ensureWebhookRetryLoop(db);
}

/** Stops the tick and waits for a pass under way, so that the database can be closed after it. */
export async function stopSimulatorTick(): Promise<void> {
  const tick = globalForTick.simulatorTick;
  globalForTick.simulatorTick = undefined;
  if (!tick) return;
  clearInterval(tick.timer);
  await tick.running;
}
