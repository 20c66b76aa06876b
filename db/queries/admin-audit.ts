import "server-only";
import { and, asc, desc, eq, gt, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import { isGuid } from "@/lib/marketplace/enums";
import type { DbOrTx } from "../client";
import { actorType, auditEvents, type AuditEvent } from "../schema";

// Read-only by design: the audit log is append-only, so this module has no update or delete.

export interface AuditFilters {
  /** An e-mail (or part of one), an actor ID, or an actor type (staff, system, marketplace, user). */
  actor?: string;
  /** An exact action, or a prefix ending in "." (e.g. "subscription."). */
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive start. */
  from?: Date;
  /** Exclusive end. */
  to?: Date;
}

export interface AuditPage {
  rows: AuditEvent[];
  /** Older rows follow: pass as `after`. */
  next: number | null;
  /** Newer rows precede: pass as `before`. */
  prev: number | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function auditFilterCondition(f: AuditFilters): SQL | undefined {
  const actor = f.actor?.trim();
  const action = f.action?.trim();
  const targetId = f.targetId?.trim();
  const types = actorType.enumValues as readonly string[];
  return and(
    actor
      ? or(
          ilike(auditEvents.actorEmail, `%${escapeLike(actor)}%`),
          eq(auditEvents.actorId, actor),
          types.includes(actor) ? eq(auditEvents.actorType, actor as AuditEvent["actorType"]) : undefined,
        )
      : undefined,
    action ? (action.endsWith(".") ? ilike(auditEvents.action, `${escapeLike(action)}%`) : eq(auditEvents.action, action)) : undefined,
    f.targetType?.trim() ? eq(auditEvents.targetType, f.targetType.trim()) : undefined,
    // Subscription IDs are stored lower-case; people paste them in any case.
    targetId ? eq(auditEvents.targetId, isGuid(targetId) ? targetId.toLowerCase() : targetId) : undefined,
    f.from ? gte(auditEvents.occurredAt, f.from) : undefined,
    f.to ? lt(auditEvents.occurredAt, f.to) : undefined,
  );
}

/** Newest first, keyset on the identity column: deep pages cost what the first one does. */
export async function listAuditPage(
  db: DbOrTx,
  opts: { filters: AuditFilters; after?: number; before?: number; limit?: number },
): Promise<AuditPage> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 1000);
  const backwards = opts.after === undefined && opts.before !== undefined;
  const keyset = opts.after !== undefined ? lt(auditEvents.id, opts.after) : backwards ? gt(auditEvents.id, opts.before!) : undefined;
  const found = await db
    .select()
    .from(auditEvents)
    .where(and(auditFilterCondition(opts.filters), keyset))
    .orderBy(backwards ? asc(auditEvents.id) : desc(auditEvents.id))
    .limit(limit + 1);
  const more = found.length > limit;
  const rows = found.slice(0, limit);
  if (backwards) rows.reverse();
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    next: last && (backwards || more) ? last.id : null,
    prev: first && (backwards ? more : opts.after !== undefined) ? first.id : null,
  };
}

/** Every matching event, newest first, in batches: the CSV export never holds the log in memory. */
export async function* iterateAuditEvents(db: DbOrTx, filters: AuditFilters, batchSize = 1000): AsyncGenerator<AuditEvent[]> {
  let after: number | undefined;
  for (;;) {
    const page = await listAuditPage(db, { filters, after, limit: batchSize });
    if (page.rows.length > 0) yield page.rows;
    if (page.next === null) return;
    after = page.next;
  }
}

/** Actions and target types recorded so far, for the filter menus. */
export async function listAuditVocabulary(db: DbOrTx): Promise<{ actions: string[]; targetTypes: string[] }> {
  const [actions, targets] = await Promise.all([
    db.selectDistinct({ v: auditEvents.action }).from(auditEvents).orderBy(asc(auditEvents.action)),
    db.selectDistinct({ v: auditEvents.targetType }).from(auditEvents).orderBy(asc(auditEvents.targetType)),
  ]);
  return { actions: actions.map((a) => a.v), targetTypes: targets.map((t) => t.v) };
}
