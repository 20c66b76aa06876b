import "server-only";
import { log } from "@/lib/log";
import type { Db } from "@/db/client";
import { startLoop, type Loop } from "@/lib/jobs/loop";
import { submitIntervalMs } from "./settings";
import { submitClosedHours, type MeteringClient } from "./submit";

/**
 * The usage submission job: a pass every METERING_SUBMIT_INTERVAL_SECONDS (default 300). Each
 * instance runs its own; they share the hours through FOR UPDATE SKIP LOCKED.
 */
export function startUsageSubmitter(opts: {
  getDb: () => Promise<Db>;
  getClient: () => MeteringClient | Promise<MeteringClient>;
  intervalMs?: number;
}): Loop {
  return startLoop({
    name: "usage-submission",
    intervalMs: opts.intervalMs ?? submitIntervalMs(),
    tick: async () => {
      const result = await submitClosedHours(await opts.getDb(), await opts.getClient());
      if (result.sent > 0 || result.expired > 0) {
        log.info(
          {
            sent: result.sent,
            accepted: result.accepted,
            duplicate: result.duplicate,
            rejected: result.rejected,
            expired: result.expired,
            retrying: result.retrying,
          },
          "metering: usage hours sent",
        );
      }
    },
    onError: (err) => log.error({ err }, "metering: submission pass failed"),
  });
}
