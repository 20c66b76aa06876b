import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
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
