import { and, desc, eq, gt, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import {
  auditEvents,
  offers,
  subscriptions,
  syncDrift,
  syncRuns,
  syncSettings,
  type NewAuditEvent,
  type NewSubscription,
  type NewSyncDrift,
  type Subscription,
  type SyncRun,
  type SyncSettings,
} from "../schema";

export type SyncCounts = Pick<SyncRun, "pages" | "seen" | "imported" | "updated" | "drifted">;

// Any constant works, as long as every app instance uses the same one.
const CLAIM_LOCK_KEY = 0x5a9c0001;

/** Serialises claims across app instances for the rest of the transaction. */
export async function lockSyncClaims(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK_KEY})`);
}

/** Running rows whose heartbeat stopped: their instance died, so they are closed as failed. */
export async function failAbandonedSyncRuns(tx: DbOrTx, staleAfterMs: number): Promise<SyncRun[]> {
  return tx
    .update(syncRuns)
    .set({ status: "failed", error: "Abandoned: no progress was recorded for too long.", finishedAt: sql`now()` })
    .where(and(eq(syncRuns.status, "running"), lt(syncRuns.heartbeatAt, sql`now() - make_interval(secs => ${staleAfterMs / 1000})`)))
    .returning();
}

export async function hasSyncStartedWithin(tx: DbOrTx, minutes: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(gt(syncRuns.startedAt, sql`now() - make_interval(mins => ${minutes})`))
    .limit(1);
  return row !== undefined;
}

/** The conditional insert: at most one running row exists (partial unique index), so a second claim gets nothing. */
export async function insertSyncRun(
  tx: DbOrTx,
  values: Pick<SyncRun, "trigger" | "startedBy">,
): Promise<SyncRun | undefined> {
  const expected = sql<number>`greatest(
    (select count(*)::int from ${subscriptions}),
    coalesce((select seen from ${syncRuns} where status = 'succeeded' order by started_at desc limit 1), 0))`;
  const [row] = await tx
    .insert(syncRuns)
    .values({ ...values, expectedTotal: expected })
    .onConflictDoNothing()
    .returning();
  return row;
}

/** Records progress and moves the heartbeat; false when the run is no longer running (taken over). */
export async function updateSyncProgress(db: DbOrTx, id: string, counts: SyncCounts): Promise<boolean> {
  const rows = await db
    .update(syncRuns)
    .set({ ...counts, heartbeatAt: sql`now()` })
    .where(and(eq(syncRuns.id, id), eq(syncRuns.status, "running")))
    .returning({ id: syncRuns.id });
  return rows.length === 1;
}

export async function finishSyncRun(
  db: DbOrTx,
  id: string,
  values: SyncCounts & { status: "succeeded" | "failed"; error?: string | null; missing?: number },
): Promise<SyncRun | undefined> {
  const [row] = await db
    .update(syncRuns)
    .set({ ...values, finishedAt: sql`now()`, heartbeatAt: sql`now()` })
    .where(and(eq(syncRuns.id, id), eq(syncRuns.status, "running")))
    .returning();
  return row;
}

export async function getSyncRun(db: DbOrTx, id: string): Promise<SyncRun | undefined> {
  const [row] = await db.select().from(syncRuns).where(eq(syncRuns.id, id)).limit(1);
  return row;
}

export async function listSyncRuns(db: DbOrTx, limit = 20): Promise<SyncRun[]> {
  return db.select().from(syncRuns).orderBy(desc(syncRuns.startedAt)).limit(Math.min(limit, 200));
}

export async function getLocalSubscriptions(db: DbOrTx, ids: string[]): Promise<Subscription[]> {
  if (ids.length === 0) return [];
  return db.select().from(subscriptions).where(inArray(subscriptions.id, ids));
}

/**
 * One multi-row upsert per page. New rows go in whole; existing rows only get the quiet
 * identifiers and `last_synced_at` (the database clock, compared with the run's start later):
 * drifted fields stay as they are until staff accept Microsoft's version.
 */
export async function upsertSyncedSubscriptions(tx: DbOrTx, rows: NewSubscription[]): Promise<Array<{ id: string; inserted: boolean }>> {
  if (rows.length === 0) return [];
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  return tx
    .insert(subscriptions)
    .values(rows.map((r) => ({ ...r, lastSyncedAt: sql`now()` })))
    .onConflictDoUpdate({
      target: subscriptions.id,
      set: {
        publisherId: excluded("publisher_id"),
        purchaserObjectId: excluded("purchaser_object_id"),
        purchaserPuid: excluded("purchaser_puid"),
        beneficiaryObjectId: excluded("beneficiary_object_id"),
        beneficiaryPuid: excluded("beneficiary_puid"),
        marketplaceCreatedAt: excluded("marketplace_created_at"),
        lastSyncedAt: excluded("last_synced_at"),
      },
    })
    // xmax is 0 only on a freshly inserted row version.
    .returning({ id: subscriptions.id, inserted: sql<boolean>`(xmax = 0)` });
}

/** Offers seen on subscriptions, so the catalogue lists them; names and settings staff gave stay. */
export async function ensureOffers(tx: DbOrTx, rows: Array<{ id: string; publisherId: string | null }>): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(offers)
    .values(rows.map((o) => ({ id: o.id, publisherId: o.publisherId, displayName: o.id })))
    .onConflictDoNothing({ target: offers.id });
}

export async function upsertDrift(tx: DbOrTx, rows: NewSyncDrift[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(syncDrift)
    .values(rows)
    .onConflictDoUpdate({
      target: [syncDrift.subscriptionId, syncDrift.field],
      set: {
        localValue: sql`excluded.local_value`,
        marketplaceValue: sql`excluded.marketplace_value`,
        runId: sql`excluded.run_id`,
        lastSeenAt: sql`now()`,
      },
    });
}

/** Differences this run no longer sees on the page's subscriptions are gone: drop them. */
export async function deleteResolvedDrift(tx: DbOrTx, subscriptionIds: string[], runId: string): Promise<void> {
  if (subscriptionIds.length === 0) return;
  await tx.delete(syncDrift).where(and(inArray(syncDrift.subscriptionId, subscriptionIds), ne(syncDrift.runId, runId)));
}

export async function insertAuditEvents(tx: DbOrTx, rows: NewAuditEvent[]): Promise<void> {
  if (rows.length > 0) await tx.insert(auditEvents).values(rows);
}

export async function countUnlisted(db: DbOrTx, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(subscriptions)
    .where(or(isNull(subscriptions.lastSyncedAt), lt(subscriptions.lastSyncedAt, since)));
  return row?.n ?? 0;
}

export const DEFAULT_SYNC_INTERVAL_MINUTES = 360;

export async function getSyncSettings(db: DbOrTx): Promise<Pick<SyncSettings, "intervalMinutes" | "updatedBy"> & { updatedAt: Date | null }> {
  const [row] = await db.select().from(syncSettings).where(eq(syncSettings.id, 1)).limit(1);
  return row ?? { intervalMinutes: DEFAULT_SYNC_INTERVAL_MINUTES, updatedBy: null, updatedAt: null };
}

export async function saveSyncInterval(db: DbOrTx, intervalMinutes: number, updatedBy: string | null): Promise<SyncSettings> {
  const [row] = await db
    .insert(syncSettings)
    .values({ id: 1, intervalMinutes, updatedBy })
    .onConflictDoUpdate({ target: syncSettings.id, set: { intervalMinutes, updatedBy, updatedAt: sql`now()` } })
    .returning();
  if (!row) throw new Error("sync settings upsert returned no row");
  return row;
}

export interface DriftGroup {
  subscriptionId: string;
  name: string;
  offerId: string;
  planId: string;
  drifts: Array<{ field: string; localValue: unknown; marketplaceValue: unknown; detectedAt: Date; lastSeenAt: Date }>;
}

/** Subscriptions with open drift, `limit` at a time in ID order (keyset on `after`). */
export async function listDriftGroups(db: DbOrTx, opts: { limit?: number; after?: string } = {}): Promise<DriftGroup[]> {
  const ids = await listDriftSubscriptionIds(db, opts);
  if (ids.length === 0) return [];
  const rows = await db
    .select({ drift: syncDrift, name: subscriptions.name, offerId: subscriptions.offerId, planId: subscriptions.planId })
    .from(syncDrift)
    .innerJoin(subscriptions, eq(subscriptions.id, syncDrift.subscriptionId))
    .where(inArray(syncDrift.subscriptionId, ids))
    .orderBy(syncDrift.subscriptionId, syncDrift.field);
  const groups = new Map<string, DriftGroup>();
  for (const r of rows) {
    const id = r.drift.subscriptionId;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { subscriptionId: id, name: r.name, offerId: r.offerId, planId: r.planId, drifts: [] }));
    const { field, localValue, marketplaceValue, detectedAt, lastSeenAt } = r.drift;
    group.drifts.push({ field, localValue, marketplaceValue, detectedAt, lastSeenAt });
  }
  return [...groups.values()];
}

export async function listDriftSubscriptionIds(db: DbOrTx, opts: { limit?: number; after?: string } = {}): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: syncDrift.subscriptionId })
    .from(syncDrift)
    .where(opts.after ? gt(syncDrift.subscriptionId, opts.after) : undefined)
    .orderBy(syncDrift.subscriptionId)
    .limit(Math.min(opts.limit ?? 50, 1000));
  return rows.map((r) => r.id);
}

export async function countDrift(db: DbOrTx): Promise<{ subscriptions: number; fields: number }> {
  const [row] = await db
    .select({ subscriptions: sql<number>`count(distinct ${syncDrift.subscriptionId})::int`, fields: sql<number>`count(*)::int` })
    .from(syncDrift);
  return row ?? { subscriptions: 0, fields: 0 };
}

/** Rows locked for the rest of the transaction: webhooks applying operations wait meanwhile. */
export async function lockSubscriptionsForUpdate(tx: DbOrTx, ids: string[]): Promise<Subscription[]> {
  if (ids.length === 0) return [];
  return tx.select().from(subscriptions).where(inArray(subscriptions.id, ids)).orderBy(subscriptions.id).for("update");
}

export async function getDriftFor(tx: DbOrTx, subscriptionIds: string[]) {
  if (subscriptionIds.length === 0) return [];
  return tx.select().from(syncDrift).where(inArray(syncDrift.subscriptionId, subscriptionIds));
}

export async function deleteDriftFor(tx: DbOrTx, subscriptionIds: string[]): Promise<void> {
  if (subscriptionIds.length > 0) await tx.delete(syncDrift).where(inArray(syncDrift.subscriptionId, subscriptionIds));
}
