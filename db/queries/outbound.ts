import "server-only";
import { and, asc, desc, eq, gt, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "../client";
import {
  auditEvents,
  outboundAttempts,
  outboundCursor,
  outboundDeliveries,
  outboundEndpoints,
  subscriptions,
  type AuditEvent,
  type NewOutboundDelivery,
  type NewOutboundEndpoint,
  type OutboundAttempt,
  type OutboundCursor,
  type OutboundDelivery,
  type OutboundEndpoint,
  type OutboxGap,
} from "../schema";
import { deliveryQueue } from "./delivery-queue";

type DeliveryStatus = OutboundDelivery["status"];

// ---- endpoints

/** The endpoint starts after the newest audit event: adding one never replays history to it. */
export async function insertEndpoint(db: DbOrTx, values: Omit<NewOutboundEndpoint, "startsAfterAuditId">): Promise<OutboundEndpoint> {
  const [row] = await db
    .insert(outboundEndpoints)
    .values({ ...values, startsAfterAuditId: sql`(select coalesce(max(${auditEvents.id}), 0) from ${auditEvents})` })
    .returning();
  if (!row) throw new Error("endpoint insert returned no row");
  return row;
}

export async function updateEndpoint(
  db: DbOrTx,
  id: string,
  values: Partial<
    Pick<NewOutboundEndpoint, "url" | "description" | "enabled" | "eventTypes" | "secret" | "previousSecret" | "previousSecretExpiresAt">
  >,
): Promise<OutboundEndpoint | undefined> {
  const [row] = await db.update(outboundEndpoints).set(values).where(eq(outboundEndpoints.id, id)).returning();
  return row;
}

export async function deleteEndpoint(db: DbOrTx, id: string): Promise<OutboundEndpoint | undefined> {
  const [row] = await db.delete(outboundEndpoints).where(eq(outboundEndpoints.id, id)).returning();
  return row;
}

export async function getEndpoint(db: DbOrTx, id: string): Promise<OutboundEndpoint | undefined> {
  const [row] = await db.select().from(outboundEndpoints).where(eq(outboundEndpoints.id, id)).limit(1);
  return row;
}

export async function listEndpoints(db: DbOrTx, opts: { enabledOnly?: boolean } = {}): Promise<OutboundEndpoint[]> {
  return db
    .select()
    .from(outboundEndpoints)
    .where(opts.enabledOnly ? eq(outboundEndpoints.enabled, true) : undefined)
    .orderBy(asc(outboundEndpoints.createdAt), asc(outboundEndpoints.id));
}

/** Deliveries per endpoint and status, for the endpoint list. */
export async function countDeliveriesByEndpoint(db: DbOrTx): Promise<Array<{ endpointId: string; status: DeliveryStatus; count: number }>> {
  return db
    .select({ endpointId: outboundDeliveries.endpointId, status: outboundDeliveries.status, count: sql<number>`count(*)::int` })
    .from(outboundDeliveries)
    .groupBy(outboundDeliveries.endpointId, outboundDeliveries.status);
}

// ---- the audit-log cursor

/** SKIP LOCKED: while one instance enqueues, another skips enqueueing instead of waiting on it. */
export async function claimCursor(tx: DbOrTx, name: string): Promise<OutboundCursor | undefined> {
  await tx.insert(outboundCursor).values({ name }).onConflictDoNothing({ target: outboundCursor.name });
  const [row] = await tx.select().from(outboundCursor).where(eq(outboundCursor.name, name)).for("update", { skipLocked: true });
  return row;
}

export async function saveCursor(tx: DbOrTx, name: string, lastAuditId: number, gaps: OutboxGap[]): Promise<void> {
  await tx.update(outboundCursor).set({ lastAuditId, gaps }).where(eq(outboundCursor.name, name));
}

export async function maxAuditEventId(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ max: sql<string | null>`max(${auditEvents.id})` }).from(auditEvents);
  return Number(row?.max ?? 0);
}

/** Events after the cursor, plus any that turned up inside gaps seen earlier. */
export async function listAuditEventsAfter(db: DbOrTx, afterId: number, gaps: OutboxGap[], limit: number): Promise<AuditEvent[]> {
  const ranges = gaps.map((g) => and(sql`${auditEvents.id} >= ${g.from}`, lte(auditEvents.id, g.to)));
  return db
    .select()
    .from(auditEvents)
    .where(or(gt(auditEvents.id, afterId), ...ranges))
    .orderBy(asc(auditEvents.id))
    .limit(limit);
}

export async function listSubscriptionSnapshots(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: subscriptions.id,
      name: subscriptions.name,
      offerId: subscriptions.offerId,
      planId: subscriptions.planId,
      quantity: subscriptions.quantity,
      status: subscriptions.status,
      provisioningState: subscriptions.provisioningState,
      beneficiaryTenantId: subscriptions.beneficiaryTenantId,
      purchaserTenantId: subscriptions.purchaserTenantId,
      isTest: subscriptions.isTest,
    })
    .from(subscriptions)
    .where(inArray(subscriptions.id, ids));
}

// ---- deliveries

/** The unique (endpoint, audit event) pair makes a second enqueue of the same event a no-op. */
export async function insertDeliveries(db: DbOrTx, rows: NewOutboundDelivery[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(outboundDeliveries)
    .values(rows)
    .onConflictDoNothing({ target: [outboundDeliveries.endpointId, outboundDeliveries.auditEventId] })
    .returning({ id: outboundDeliveries.id });
  return inserted.length;
}

export interface AttemptRecord {
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  responseSnippet: string | null;
  error: string | null;
}

export interface ClaimedDelivery {
  delivery: OutboundDelivery;
  endpoint: OutboundEndpoint;
}

const queue = deliveryQueue<OutboundDelivery, OutboundEndpoint, AttemptRecord, "endpoint">({
  deliveries: outboundDeliveries,
  attempts: outboundAttempts,
  parents: outboundEndpoints,
  parentKey: "endpoint",
  parentIdOf: (d) => d.endpointId,
  lastOf: (a) => ({ lastStatusCode: a.statusCode, lastDurationMs: a.durationMs }),
});

export const insertDelivery = (db: DbOrTx, row: NewOutboundDelivery): Promise<OutboundDelivery> => queue.insertOne(db, row);

/** Leases due deliveries (see `deliveryQueue`). SKIP LOCKED keeps two workers off the same row; disabled endpoints wait. */
export const claimDueDeliveries = (db: Db, opts: { limit: number; now: Date; leaseUntil: Date }): Promise<ClaimedDelivery[]> =>
  queue.claimDue(
    db,
    (tx) =>
      tx
        .select({ id: outboundDeliveries.id })
        .from(outboundDeliveries)
        .innerJoin(outboundEndpoints, eq(outboundEndpoints.id, outboundDeliveries.endpointId))
        .where(
          and(
            inArray(outboundDeliveries.status, ["pending", "delivering"]),
            lte(outboundDeliveries.nextAttemptAt, opts.now),
            eq(outboundEndpoints.enabled, true),
          ),
        )
        .orderBy(asc(outboundDeliveries.nextAttemptAt), asc(outboundDeliveries.createdAt))
        .limit(opts.limit)
        .for("update", { of: outboundDeliveries, skipLocked: true }),
    opts.leaseUntil,
  );

export const { claimOne: claimDelivery, finish: finishDelivery, resetForReplay: resetDeliveryForReplay, get: getDelivery } = queue;
export const listAttempts = (db: DbOrTx, deliveryId: string, limit = 100) => queue.listAttempts<OutboundAttempt>(db, deliveryId, limit);

export interface DeliveryFilters {
  endpointId?: string;
  status?: DeliveryStatus;
  eventType?: string;
  /** Keyset page: deliveries created before this one. */
  before?: { createdAt: Date; id: string };
  limit?: number;
}

export async function listDeliveries(db: DbOrTx, f: DeliveryFilters = {}) {
  // Pages are keyed on milliseconds, which is all a Date (and so the page link) carries.
  const createdMs = sql`date_trunc('milliseconds', ${outboundDeliveries.createdAt})`;
  const before: SQL | undefined = f.before
    ? sql`(${createdMs}, ${outboundDeliveries.id}) < (${f.before.createdAt.toISOString()}::timestamptz, ${f.before.id}::uuid)`
    : undefined;
  return db
    .select({
      id: outboundDeliveries.id,
      endpointId: outboundDeliveries.endpointId,
      endpointUrl: outboundEndpoints.url,
      auditEventId: outboundDeliveries.auditEventId,
      eventType: outboundDeliveries.eventType,
      status: outboundDeliveries.status,
      attempts: outboundDeliveries.attempts,
      replays: outboundDeliveries.replays,
      nextAttemptAt: outboundDeliveries.nextAttemptAt,
      lastAttemptAt: outboundDeliveries.lastAttemptAt,
      lastStatusCode: outboundDeliveries.lastStatusCode,
      lastError: outboundDeliveries.lastError,
      lastDurationMs: outboundDeliveries.lastDurationMs,
      createdAt: outboundDeliveries.createdAt,
    })
    .from(outboundDeliveries)
    .innerJoin(outboundEndpoints, eq(outboundEndpoints.id, outboundDeliveries.endpointId))
    .where(
      and(
        f.endpointId ? eq(outboundDeliveries.endpointId, f.endpointId) : undefined,
        f.status ? eq(outboundDeliveries.status, f.status) : undefined,
        f.eventType ? eq(outboundDeliveries.eventType, f.eventType) : undefined,
        before,
      ),
    )
    .orderBy(sql`${createdMs} desc`, desc(outboundDeliveries.id))
    .limit(Math.min(f.limit ?? 50, 200));
}
export type DeliveryListRow = Awaited<ReturnType<typeof listDeliveries>>[number];
