import "server-only";
import type { Db } from "@/db/client";
import {
  deleteResolvedDrift,
  ensureOffers,
  getLocalSubscriptions,
  insertAuditEvents,
  updateSyncProgress,
  upsertDrift,
  upsertSyncedSubscriptions,
  type SyncCounts,
} from "@/db/queries/sync";
import type { NewSubscription, NewSyncDrift, Subscription, SyncRun } from "@/db/schema";
import type { MarketplaceSubscription } from "@/lib/marketplace";
import { subscriptionValues } from "@/lib/subscriptions/from-marketplace";
import { compareSubscription, provisioningForStatus, quietFieldsChanged } from "./drift-fields";

export interface PagePlan {
  /** Every subscription of the page, as Microsoft describes it; new ones carry their initial portal state. */
  rows: NewSubscription[];
  drifts: NewSyncDrift[];
  existingIds: string[];
  driftedIds: Set<string>;
  quietlyUpdated: number;
}

/** What one page means for our table, worked out from the page and our rows for it (pure). */
export function planPage(local: Subscription[], remote: MarketplaceSubscription[], runId: string, now: Date): PagePlan {
  const byId = new Map(local.map((s) => [s.id.toLowerCase(), s]));
  const unique = new Map(remote.map((s) => [s.id.toLowerCase(), s]));
  const plan: PagePlan = { rows: [], drifts: [], existingIds: [], driftedIds: new Set(), quietlyUpdated: 0 };
  for (const [id, s] of unique) {
    const values = subscriptionValues(s, { status: s.status, now });
    const mine = byId.get(id);
    if (!mine) {
      // Microsoft's term starts on activation: the best date there is for one activated elsewhere.
      const activatedAt = values.status === "Subscribed" || values.status === "Suspended" ? (values.termStartDate ?? now) : null;
      plan.rows.push({ ...values, provisioningState: provisioningForStatus(values.status, null), activatedAt });
      continue;
    }
    plan.rows.push(values);
    plan.existingIds.push(id);
    if (quietFieldsChanged(mine, values)) plan.quietlyUpdated++;
    const fields = compareSubscription(mine, values);
    if (fields.length > 0) plan.driftedIds.add(id);
    for (const f of fields)
      plan.drifts.push({ subscriptionId: id, field: f.field, localValue: f.local, marketplaceValue: f.marketplace, runId });
  }
  return plan;
}

/**
 * Applies one page in one transaction, progress included: a page is either fully recorded or
 * not at all, so a failed run leaves consistent counts, and re-running it is harmless. Returns how
 * many of the page's subscriptions the portal already had when the run started (countUnlisted).
 */
export async function syncPage(
  db: Db,
  run: SyncRun,
  page: MarketplaceSubscription[],
  counts: SyncCounts,
  knownOffers: Set<string>,
): Promise<number> {
  const ids = [...new Set(page.map((s) => s.id.toLowerCase()))];
  const local = await getLocalSubscriptions(db, ids);
  const plan = planPage(local, page, run.id, new Date());
  const newOffers = [...new Map(page.filter((s) => !knownOffers.has(s.offerId)).map((s) => [s.offerId, s.publisherId ?? null]))];
  const next: SyncCounts = { ...counts, pages: counts.pages + 1, seen: counts.seen + ids.length };
  await db.transaction(async (tx) => {
    const written = await upsertSyncedSubscriptions(tx, plan.rows);
    const imported = written.filter((r) => r.inserted).map((r) => r.id);
    const rowsById = new Map(plan.rows.map((r) => [r.id, r]));
    await ensureOffers(
      tx,
      newOffers.map(([id, publisherId]) => ({ id, publisherId })),
    );
    await upsertDrift(tx, plan.drifts);
    await deleteResolvedDrift(tx, plan.existingIds, run.id);
    await insertAuditEvents(
      tx,
      imported.map((id) => {
        const row = rowsById.get(id);
        return {
          actorType: "system" as const,
          action: "subscription.imported",
          targetType: "subscription",
          targetId: id,
          correlationId: run.correlationId,
          changes: { status: { from: null, to: row?.status ?? null }, planId: { from: null, to: row?.planId ?? null } },
          metadata: { syncRunId: run.id, offerId: row?.offerId ?? null },
        };
      }),
    );
    next.imported += imported.length;
    next.updated += plan.quietlyUpdated;
    next.drifted += plan.driftedIds.size;
    if (!(await updateSyncProgress(tx, run.id, next))) throw new SyncTakenOverError(run.id);
  });
  for (const [id] of newOffers) knownOffers.add(id);
  Object.assign(counts, next);
  return local.filter((s) => s.createdAt < run.startedAt).length;
}

export class SyncTakenOverError extends Error {
  constructor(runId: string) {
    super(`sync run ${runId} is no longer running (closed as abandoned); stopping`);
    this.name = "SyncTakenOverError";
  }
}
