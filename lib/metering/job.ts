import "server-only";
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
        console.info(
          `metering: sent ${result.sent} hour(s): ${result.accepted} accepted, ${result.duplicate} duplicate, ${result.rejected} rejected, ${result.expired} expired, ${result.retrying} to retry`,
        );
      }
    },
    onError: (err) => console.error("metering: submission pass failed", err instanceof Error ? err.message : err),
  });
}
