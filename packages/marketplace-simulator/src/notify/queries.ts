import { and, asc, desc, eq, inArray, lte, or } from "drizzle-orm";
import type { DbOrTx } from "../db";
import {
  webhookDeliveries,
  webhookDeliveryAttempts,
  type NewWebhookDeliveryRow,
  type WebhookDeliveryAttemptRow,
  type WebhookDeliveryRow,
  type WebhookDeliveryState,
} from "../schema/notify";

export type WebhookDelivery = WebhookDeliveryRow & { attemptLog: WebhookDeliveryAttemptRow[] };

export async function insertDelivery(db: DbOrTx, values: NewWebhookDeliveryRow): Promise<WebhookDeliveryRow> {
  const [row] = await db.insert(webhookDeliveries).values(values).returning();
  return row!;
}

/**
 * A claim is a lease: `nextAttemptAt` moves to the lease end, so a dead worker's row comes due
 * again. SKIP LOCKED lets app instances share the work; PGlite's single connection just claims.
 */
export async function claimDueDeliveries(db: DbOrTx, now: Date, leaseEnd: Date, limit: number): Promise<WebhookDeliveryRow[]> {
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(inArray(webhookDeliveries.state, ["retrying", "sending"]), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(webhookDeliveries)
    .set({ state: "sending", nextAttemptAt: leaseEnd, updatedAt: now })
    .where(inArray(webhookDeliveries.id, due))
    .returning();
}

/** The `attempts` guard turns a late writer (whose lease ran out) into a no-op. */
export async function recordAttempt(
  db: DbOrTx,
  attempt: Omit<WebhookDeliveryAttemptRow, "id"> & { id: string },
  next: { state: WebhookDeliveryState; nextAttemptAt: Date | null; completedAt: Date | null; lastError: string | null },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(webhookDeliveries)
      .set({
        state: next.state,
        attempts: attempt.attemptNumber,
        lastStatusCode: attempt.statusCode,
        lastError: next.lastError,
        nextAttemptAt: next.nextAttemptAt,
        completedAt: next.completedAt,
        updatedAt: attempt.finishedAt,
      })
      .where(and(eq(webhookDeliveries.id, attempt.deliveryId), eq(webhookDeliveries.attempts, attempt.attemptNumber - 1)))
      .returning({ id: webhookDeliveries.id });
    if (updated.length === 0) return false;
    await tx.insert(webhookDeliveryAttempts).values(attempt);
    return true;
  });
}

export async function listWebhookDeliveries(
  db: DbOrTx,
  opts: { limit?: number; operationId?: string; subscriptionId?: string } = {},
): Promise<WebhookDelivery[]> {
  const filters = [
    opts.operationId ? eq(webhookDeliveries.operationId, opts.operationId) : undefined,
    opts.subscriptionId ? eq(webhookDeliveries.subscriptionId, opts.subscriptionId) : undefined,
  ].filter((f) => f !== undefined);
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(Math.min(Math.max(opts.limit ?? 50, 1), 500));
  if (rows.length === 0) return [];
  const attempts = await db
    .select()
    .from(webhookDeliveryAttempts)
    .where(
      inArray(
        webhookDeliveryAttempts.deliveryId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(webhookDeliveryAttempts.attemptNumber));
  return rows.map((row) => ({ ...row, attemptLog: attempts.filter((a) => a.deliveryId === row.id) }));
}

export async function hasPendingDeliveries(db: DbOrTx): Promise<boolean> {
  const [row] = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(or(eq(webhookDeliveries.state, "retrying"), eq(webhookDeliveries.state, "sending")))
    .limit(1);
  return Boolean(row);
}

export async function clearWebhookDeliveries(db: DbOrTx): Promise<void> {
  await db.delete(webhookDeliveries);
}
