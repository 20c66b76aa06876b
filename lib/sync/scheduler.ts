import "server-only";
import { logConsole } from "@/lib/log";
import type { Db } from "@/db/client";
import { getSyncSettings } from "@/db/queries/sync";
import { claimSyncRun } from "./claim";
import { runSync, type SyncClient } from "./run-sync";

export interface ScheduledSyncOptions {
  getDb: () => Promise<Db>;
  getClient: () => SyncClient | Promise<SyncClient>;
  /** How often to look whether a run is due; the interval itself is the stored setting. */
  checkEveryMs?: number;
  /** Delay before the first look, so a starting server serves requests first. */
  firstCheckAfterMs?: number;
  log?: Pick<Console, "warn" | "error">;
}

export interface ScheduledSync {
  /** Stops looking, aborts a run in progress (it is closed as failed) and waits for it. */
  stop(): Promise<void>;
}

/**
 * Every instance runs this loop; the claim lets only one of them start a due run, and the
 * interval is read from the database each time, so a change in settings applies everywhere.
 */
export function startScheduledSync(opts: ScheduledSyncOptions): ScheduledSync {
  const log = opts.log ?? logConsole;
  const checkEveryMs = opts.checkEveryMs ?? 60_000;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> | null = null;
  let stopped = false;

  async function tick(): Promise<void> {
    const db = await opts.getDb();
    const { intervalMinutes } = await getSyncSettings(db);
    if (intervalMinutes <= 0) return;
    const run = await claimSyncRun(db, { trigger: "scheduled", unlessStartedWithinMinutes: intervalMinutes });
    if (!run) return;
    const done = await runSync(db, await opts.getClient(), { runId: run.id, signal: controller.signal });
    if (done?.status === "failed") log.warn(`scheduled sync ${done.id} failed: ${done.error}`);
  }

  function schedule(ms: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      current = tick()
        .catch((err: unknown) => log.error("scheduled sync check failed", err))
        .finally(() => {
          current = null;
          schedule(checkEveryMs);
        });
    }, ms);
    timer.unref?.();
  }

  schedule(opts.firstCheckAfterMs ?? 10_000);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller.abort();
      await current;
    },
  };
}
