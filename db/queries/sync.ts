import "server-only";
import { and, desc, eq, getTableColumns, gt, inArray, lt, ne, sql, type SQL } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../client";
import { rowsOf } from "./rows";
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
export async function insertSyncRun(tx: DbOrTx, values: Pick<SyncRun, "trigger" | "startedBy">): Promise<SyncRun | undefined> {
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
 * A multi-row INSERT whose rows travel as one JSON parameter, unpacked by jsonb_to_recordset:
 * Drizzle's builder spends about 15 ms of JavaScript on 100 wide rows, the database about 1 ms
 * on the JSON. Column names and SQL types come from the Drizzle table, so they cannot drift.
 */
function insertFromJson<T extends PgTable>(
  table: T,
  keys: ReadonlyArray<keyof T["$inferInsert"] & string>,
  rows: ReadonlyArray<Record<string, unknown>>,
  opts: { computed?: Array<[key: keyof T["$inferInsert"] & string, value: SQL]>; tail?: SQL } = {},
): SQL {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const nameOf = (key: string) => (columns[key]!.keyAsName ? toSnakeCase(key) : columns[key]!.name);
  const names = keys.map(nameOf);
  const json = JSON.stringify(rows.map((r) => Object.fromEntries(keys.map((k, i) => [names[i], r[k] ?? null]))));
  const computed = opts.computed ?? [];
  const targets = [...names, ...computed.map(([k]) => nameOf(k))].map((n) => sql.identifier(n));
  const record = sql.raw(names.map((n, i) => `"${n}" ${columns[keys[i]!]!.getSQLType()}`).join(", "));
  return sql`insert into ${table} (${sql.join(targets, sql`, `)})
    select ${sql.join([...names.map((n) => sql.identifier(n)), ...computed.map(([, v]) => v)], sql`, `)}
    from jsonb_to_recordset(${json}::jsonb) as r(${record}) ${opts.tail ?? sql``}`;
}

const SYNCED_KEYS = [
  "id",
  "name",
  "publisherId",
  "offerId",
  "planId",
  "quantity",
  "status",
  "purchaserEmail",
  "purchaserObjectId",
  "purchaserTenantId",
  "purchaserPuid",
  "beneficiaryEmail",
  "beneficiaryObjectId",
  "beneficiaryTenantId",
  "beneficiaryPuid",
  "termUnit",
  "termStartDate",
  "termEndDate",
  "autoRenew",
  "isTest",
  "isFreeTrial",
  "sandboxType",
  "sessionMode",
  "allowedCustomerOperations",
  "marketplaceCreatedAt",
  "provisioningState",
  "activatedAt",
] as const satisfies ReadonlyArray<keyof NewSubscription>;
const QUIET_COLUMNS = [
  "publisher_id",
  "purchaser_object_id",
  "purchaser_puid",
  "beneficiary_object_id",
  "beneficiary_puid",
  "marketplace_created_at",
  "last_synced_at",
];
const QUIET_VALUES = QUIET_COLUMNS.filter((c) => c !== "last_synced_at");

/** How old `last_synced_at` may grow on a row whose values have not changed before a sync rewrites it. */
export const SYNC_REFRESH_AFTER = "1 day";

/**
 * One multi-row upsert per page. New rows go in whole; existing rows only get the quiet
 * identifiers and `last_synced_at`: drifted fields stay as they are until staff accept
 * Microsoft's version. A row whose quiet identifiers are unchanged is left alone unless it was
 * last synced over SYNC_REFRESH_AFTER ago: rewriting every row of an unchanged listing cost more
 * than importing it (a new row version in every index, the change trigger), and the unlisted
 * count does not need the stamp (countUnlisted).
 */
export async function upsertSyncedSubscriptions(tx: DbOrTx, rows: NewSubscription[]): Promise<Array<{ id: string; inserted: boolean }>> {
  if (rows.length === 0) return [];
  const statement = insertFromJson(
    subscriptions,
    SYNCED_KEYS,
    rows.map((r) => ({ ...r, provisioningState: r.provisioningState ?? "new" })),
    {
      computed: [["lastSyncedAt", sql`now()`]],
      // xmax is 0 only on a freshly inserted row version.
      tail: sql`on conflict (id) do update set ${sql.raw(QUIET_COLUMNS.map((c) => `"${c}" = excluded."${c}"`).join(", "))}
        where ${sql.raw(`(${QUIET_VALUES.map((c) => `subscriptions."${c}"`).join(", ")}) is distinct from (${QUIET_VALUES.map((c) => `excluded."${c}"`).join(", ")})`)}
          or subscriptions.last_synced_at is null
          or subscriptions.last_synced_at < now() - interval '${sql.raw(SYNC_REFRESH_AFTER)}'
        returning id, (xmax = 0) as inserted`,
    },
  );
  return rowsOf<{ id: string; inserted: boolean }>(await tx.execute(statement));
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

const AUDIT_KEYS = [
  "actorType",
  "actorId",
  "actorEmail",
  "action",
  "targetType",
  "targetId",
  "changes",
  "metadata",
  "requestId",
  "correlationId",
] as const;

/** Many audit events in one statement (one per imported subscription, say); append-only like every audit write. */
export async function insertAuditEvents(tx: DbOrTx, rows: NewAuditEvent[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(
    insertFromJson(
      auditEvents,
      AUDIT_KEYS,
      rows.map((r) => ({ ...r, changes: r.changes ?? {}, metadata: r.metadata ?? {} })),
    ),
  );
}

/**
 * Local subscriptions Microsoft's listing did not include: those that existed when the run
 * started, less those of them the run saw (`listed`, counted page by page), so that no row has to
 * be written to be counted as seen.
 */
export async function countUnlisted(db: DbOrTx, run: { startedAt: Date; listed: number }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(subscriptions)
    .where(lt(subscriptions.createdAt, run.startedAt));
  return Math.max(0, (row?.n ?? 0) - run.listed);
}

export const DEFAULT_SYNC_INTERVAL_MINUTES = 360;

export async function getSyncSettings(
  db: DbOrTx,
): Promise<Pick<SyncSettings, "intervalMinutes" | "autoHealDrift" | "updatedBy"> & { updatedAt: Date | null }> {
  const [row] = await db.select().from(syncSettings).where(eq(syncSettings.id, 1)).limit(1);
  return row ?? { intervalMinutes: DEFAULT_SYNC_INTERVAL_MINUTES, autoHealDrift: true, updatedBy: null, updatedAt: null };
}

export async function saveAutoHealDrift(db: DbOrTx, autoHealDrift: boolean, updatedBy: string | null): Promise<SyncSettings> {
  const [row] = await db
    .insert(syncSettings)
    .values({ id: 1, autoHealDrift, updatedBy })
    .onConflictDoUpdate({ target: syncSettings.id, set: { autoHealDrift, updatedBy, updatedAt: sql`now()` } })
    .returning();
  if (!row) throw new Error("sync settings upsert returned no row");
  return row;
}

/** Subscriptions with drift recorded by the given run, in id order, a page at a time. */
export async function listDriftSubscriptionIdsOfRun(db: DbOrTx, runId: string, opts: { limit: number; after?: string }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: syncDrift.subscriptionId })
    .from(syncDrift)
    .where(and(eq(syncDrift.runId, runId), opts.after ? gt(syncDrift.subscriptionId, opts.after) : undefined))
    .orderBy(syncDrift.subscriptionId)
    .limit(opts.limit);
  return rows.map((r) => r.id);
}

export async function deleteDriftFields(tx: DbOrTx, subscriptionId: string, fields: string[]): Promise<void> {
  if (fields.length === 0) return;
  await tx.delete(syncDrift).where(and(eq(syncDrift.subscriptionId, subscriptionId), inArray(syncDrift.field, fields)));
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
