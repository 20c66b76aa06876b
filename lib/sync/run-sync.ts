import "server-only";
import type { Db } from "@/db/client";
import { countUnlisted, finishSyncRun, getSyncRun, getSyncSettings, insertAuditEvents, type SyncCounts } from "@/db/queries/sync";
import type { SyncRun } from "@/db/schema";
import { refreshPlans } from "@/lib/catalogue/refresh-plans";
import { log } from "@/lib/log";
import type { MarketplaceClient } from "@/lib/marketplace";
import { healDrift, type HealDriftResult } from "./accept-drift";
import { claimSyncRun } from "./claim";
import { syncPage } from "./sync-page";

/** With listAvailablePlans, each successful run also refreshes plans and prices (lib/catalogue). */
export type SyncClient = Pick<MarketplaceClient, "listSubscriptions"> & Partial<Pick<MarketplaceClient, "listAvailablePlans">>;

export interface RunSyncOptions {
  /** A run already claimed (e.g. by "Sync now"); without it, a manual run is claimed here. */
  runId?: string;
  startedBy?: string | null;
  signal?: AbortSignal;
  /** Rows per write; Microsoft's list pages hold 100. */
  batchSize?: number;
}

async function* batches<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Walks every subscription Microsoft lists, imports the unknown ones and records field-by-field
 * drift for the others, then applies the drift in Microsoft-owned fields unless the owner turned
 * that off (see healDrift). Returns the finished run, or null when another run holds the slot.
 * Writing a page overlaps fetching the next one, which roughly halves the wall time.
 */
export async function runSync(db: Db, client: SyncClient, opts: RunSyncOptions = {}): Promise<SyncRun | null> {
  const run = opts.runId
    ? await getSyncRun(db, opts.runId)
    : await claimSyncRun(db, { trigger: "manual", startedBy: opts.startedBy ?? null });
  if (!run) return null;
  if (run.status !== "running") return run;

  const counts: SyncCounts = { pages: 0, seen: 0, imported: 0, updated: 0, drifted: 0 };
  const knownOffers = new Set<string>();
  let writing: Promise<void> = Promise.resolve();
  let listed = 0;
  let finished: SyncRun | undefined;
  let error: string | null = null;
  let healed: HealDriftResult | null = null;
  try {
    const subscriptions = client.listSubscriptions({ correlationId: run.correlationId, signal: opts.signal });
    for await (const page of batches(subscriptions, opts.batchSize ?? 100)) {
      await writing;
      writing = syncPage(db, run, page, counts, knownOffers).then((n) => void (listed += n));
      // Handled here for now, awaited (and thrown) on the next turn: no unhandled rejection meanwhile.
      writing.catch(() => {});
    }
    await writing;
    // Drift stays recorded in the run's counts; what can be healed is applied now, the rest waits for staff.
    if ((await getSyncSettings(db)).autoHealDrift) healed = await healDrift(db, { runId: run.id });
    const missing = await countUnlisted(db, { startedAt: run.startedAt, listed });
    finished = await finishSyncRun(db, run.id, { ...counts, missing, status: "succeeded" });
  } catch (err) {
    await writing.catch(() => {});
    error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    finished = await finishSyncRun(db, run.id, { ...counts, status: "failed", error });
  }
  if (finished) {
    await insertAuditEvents(db, [
      {
        actorType: "system",
        actorId: finished.trigger === "scheduled" ? "scheduler" : null,
        action: finished.status === "succeeded" ? "sync.completed" : "sync.failed",
        targetType: "sync_run",
        targetId: finished.id,
        correlationId: finished.correlationId,
        metadata: {
          trigger: finished.trigger,
          startedBy: finished.startedBy,
          pages: finished.pages,
          seen: finished.seen,
          imported: finished.imported,
          updated: finished.updated,
          drifted: finished.drifted,
          missing: finished.missing,
          durationMs: finished.finishedAt ? finished.finishedAt.getTime() - finished.startedAt.getTime() : null,
          ...(healed ? { healed: healed.healed, healedFields: healed.fields, conflicts: healed.conflicts } : {}),
          ...(error ? { error } : {}),
        },
      },
    ]);
  }
  if (finished?.status === "succeeded" && client.listAvailablePlans) {
    // Plans and prices follow the subscriptions: new offers and markets are priced without a staff click.
    const plansClient = { listAvailablePlans: client.listAvailablePlans.bind(client) };
    await refreshPlans(db, plansClient, { type: "system", id: null, email: null }).catch((err: unknown) =>
      log.warn({ err, syncRunId: finished.id }, "sync: plan refresh failed"),
    );
  }
  return finished ?? (await getSyncRun(db, run.id)) ?? null;
}
