import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { failAbandonedSyncRuns, hasSyncStartedWithin, insertAuditEvents, insertSyncRun, lockSyncClaims } from "@/db/queries/sync";
import type { SyncRun } from "@/db/schema";
import type { Actor } from "@/lib/subscriptions/activate";

/** A run whose heartbeat is older than this was left behind by a stopped or crashed instance. */
export const ABANDONED_AFTER_MS = 3 * 60_000;

export interface ClaimOptions {
  trigger: SyncRun["trigger"];
  startedBy?: string | null;
  /** Scheduled runs: claim only if no run of any kind started within this many minutes. */
  unlessStartedWithinMinutes?: number;
  staleAfterMs?: number;
  /** Who asked for the run: their `sync.started` event is written with the claim, in its transaction. */
  actor?: Actor;
}

/**
 * Claims the one running slot, or returns null when another run holds it (in any app instance).
 * The advisory lock makes "is one due?" and the insert a single step across instances; the
 * partial unique index would refuse a second running row even without it.
 */
export async function claimSyncRun(db: Db, opts: ClaimOptions): Promise<SyncRun | null> {
  return db.transaction(async (tx) => {
    await lockSyncClaims(tx);
    const abandoned = await failAbandonedSyncRuns(tx, opts.staleAfterMs ?? ABANDONED_AFTER_MS);
    await insertAuditEvents(
      tx,
      abandoned.map((r) => ({
        actorType: "system" as const,
        action: "sync.abandoned",
        targetType: "sync_run",
        targetId: r.id,
        correlationId: r.correlationId,
        metadata: { trigger: r.trigger, startedBy: r.startedBy, pages: r.pages, seen: r.seen, lastHeartbeat: r.heartbeatAt.toISOString() },
      })),
    );
    if (opts.unlessStartedWithinMinutes !== undefined && (await hasSyncStartedWithin(tx, opts.unlessStartedWithinMinutes))) return null;
    const run = await insertSyncRun(tx, { trigger: opts.trigger, startedBy: opts.startedBy ?? null });
    if (run && opts.actor) {
      const { actor } = opts;
      await insertAuditEvent(tx, {
        actorType: actor.type,
        actorId: actor.id,
        actorEmail: actor.email,
        action: "sync.started",
        targetType: "sync_run",
        targetId: run.id,
        metadata: { trigger: opts.trigger },
      });
    }
    return run ?? null;
  });
}
