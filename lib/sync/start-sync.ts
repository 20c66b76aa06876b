import "server-only";
import { logConsole } from "@/lib/log";
import type { Db } from "@/db/client";
import type { SyncRun } from "@/db/schema";
import type { Actor } from "@/lib/subscriptions/activate";
import { claimSyncRun } from "./claim";
import { runSync, type SyncClient } from "./run-sync";

/**
 * "Sync now": claims the run while the request waits (so a second click is told at once), then
 * walks Microsoft's list outside the request. A run cut short by a restart is closed as
 * abandoned by the next claim. The page's button and `POST /admin/sync/runs` both come here, so
 * a staff member's start is audited once, with the claim, whichever way it was asked for.
 */
export async function startSyncInBackground(
  db: Db,
  client: SyncClient,
  opts: { startedBy: string | null; actor?: Actor; log?: Pick<Console, "error"> },
): Promise<SyncRun | null> {
  const run = await claimSyncRun(db, { trigger: "manual", startedBy: opts.startedBy, actor: opts.actor });
  if (!run) return null;
  void runSync(db, client, { runId: run.id }).catch((err: unknown) =>
    (opts.log ?? logConsole).error(`sync ${run.id} stopped unexpectedly`, err),
  );
  return run;
}
