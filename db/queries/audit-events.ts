import "server-only";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { auditEvents, type AuditEvent, type NewAuditEvent } from "../schema";

// Append-only by design: this module has no update or delete.

export async function insertAuditEvent(db: DbOrTx, event: NewAuditEvent): Promise<AuditEvent> {
  const [row] = await db.insert(auditEvents).values(event).returning();
  if (!row) throw new Error("audit insert returned no row");
  return row;
}

export async function listAuditEvents(
  db: DbOrTx,
  opts: { targetType?: string; targetId?: string; before?: number; limit?: number } = {},
): Promise<AuditEvent[]> {
  const where = and(
    opts.targetType ? eq(auditEvents.targetType, opts.targetType) : undefined,
    opts.targetId ? eq(auditEvents.targetId, opts.targetId) : undefined,
    opts.before ? lt(auditEvents.id, opts.before) : undefined,
  );
  return db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.id))
    .limit(Math.min(opts.limit ?? 50, 500));
}

/**
 * Whether an event with this action and target, whose metadata contains `metadata`, is recorded.
 * Under `lockAuditKey` in the same transaction, check-then-insert records an occurrence exactly once.
 */
export async function hasAuditEvent(
  db: DbOrTx,
  where: { action: string; targetType: string; targetId: string; metadata: Record<string, unknown> },
): Promise<boolean> {
  const [row] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, where.action),
        eq(auditEvents.targetType, where.targetType),
        eq(auditEvents.targetId, where.targetId),
        sql`${auditEvents.metadata} @> ${JSON.stringify(where.metadata)}::jsonb`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** A lock on `key` held until the transaction ends, across app instances. */
export async function lockAuditKey(tx: DbOrTx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}
