import "server-only";
import { logConsole } from "@/lib/log";
import type { Db } from "@/db/client";
import { getSyncSettings } from "@/db/queries/sync";
import { startLoop } from "@/lib/jobs/loop";
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
  return startLoop({
    name: "scheduled-sync",
    intervalMs: opts.checkEveryMs ?? 60_000,
    firstTickAfterMs: opts.firstCheckAfterMs ?? 10_000,
    async tick({ signal }) {
      const db = await opts.getDb();
      const { intervalMinutes } = await getSyncSettings(db);
      if (intervalMinutes <= 0) return;
      const run = await claimSyncRun(db, { trigger: "scheduled", unlessStartedWithinMinutes: intervalMinutes });
      if (!run) return;
      const done = await runSync(db, await opts.getClient(), { runId: run.id, signal });
      if (done?.status === "failed") log.warn(`scheduled sync ${done.id} failed: ${done.error}`);
    },
    onError: (err) => log.error("scheduled sync check failed", err),
  });
}
