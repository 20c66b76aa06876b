import type { Db } from "@/db/client";
import { settleDueOperations } from "./operations";

const TICK_MS = 1_000;
const globalForTick = globalThis as unknown as { simulatorTick?: { db: Db; timer: NodeJS.Timeout } };

/**
 * Settles due operations about once a second even when nobody reads them, so the webhook for a
 * Partner-started change goes out on time. State never depends on the tick: every request
 * settles first, and the conditional settle makes concurrent ticks in other instances harmless.
 */
export function ensureSimulatorTick(db: Db): void {
  const current = globalForTick.simulatorTick;
  if (current?.db === db) return;
  if (current) clearInterval(current.timer);
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    settleDueOperations(db, new Date())
      .catch((err: unknown) => console.warn("[simulator] settling operations failed", err))
      .finally(() => {
        running = false;
      });
  }, TICK_MS);
  timer.unref();
  globalForTick.simulatorTick = { db, timer };
}

export function stopSimulatorTick(): void {
  if (globalForTick.simulatorTick) clearInterval(globalForTick.simulatorTick.timer);
  globalForTick.simulatorTick = undefined;
}
