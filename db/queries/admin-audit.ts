import "server-only";
import { and, asc, desc, eq, gt, gte, ilike, inArray, lt, or, type SQL } from "drizzle-orm";
import { isGuid } from "@/lib/marketplace/enums";
import type { DbOrTx } from "../client";
import {
  actorType,
  apiKeys,
  auditEvents,
  notificationChannels,
  offers,
  outboundEndpoints,
  plans,
  subscriptions,
  type AuditEvent,
} from "../schema";

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

export interface AuditTargetName {
  type: string;
  id: string;
  name: string;
  /** Subscriptions: their offer, to name the plans in their changes. */
  offerId?: string;
}

/**
 * Names of the audit targets on a page: the log keeps IDs (names change), the page shows what
 * they name today. Unknown or deleted targets have no name. A plan target is "offerId/planId".
 */
export async function listAuditTargetNames(
  db: DbOrTx,
  rows: Array<Pick<AuditEvent, "targetType" | "targetId">>,
): Promise<AuditTargetName[]> {
  const ids = (type: string, guid = true) => [
    ...new Set(rows.filter((r) => r.targetType === type && (!guid || isGuid(r.targetId))).map((r) => r.targetId)),
  ];
  const subs = ids("subscription");
  const keys = ids("api_key");
  const channels = ids("notification_channel");
  const endpoints = ids("outbound_endpoint");
  const offerIds = ids("offer", false);
  const planTargets = ids("plan", false).flatMap((id) => {
    const at = id.indexOf("/");
    return at > 0 ? [{ id, offerId: id.slice(0, at), planId: id.slice(at + 1) }] : [];
  });
  const none = Promise.resolve([] as Array<{ id: string; name: string }>);
  const [subRows, keyRows, channelRows, endpointRows, offerRows, planRows] = await Promise.all([
    subs.length
      ? db
          .select({ id: subscriptions.id, name: subscriptions.name, offerId: subscriptions.offerId })
          .from(subscriptions)
          .where(inArray(subscriptions.id, [...new Set(subs.map((id) => id.toLowerCase()))]))
      : Promise.resolve([] as Array<{ id: string; name: string; offerId: string }>),
    keys.length ? db.select({ id: apiKeys.id, name: apiKeys.name }).from(apiKeys).where(inArray(apiKeys.id, keys)) : none,
    channels.length
      ? db
          .select({ id: notificationChannels.id, name: notificationChannels.name })
          .from(notificationChannels)
          .where(inArray(notificationChannels.id, channels))
      : none,
    endpoints.length
      ? db
          .select({ id: outboundEndpoints.id, name: outboundEndpoints.url })
          .from(outboundEndpoints)
          .where(inArray(outboundEndpoints.id, endpoints))
      : none,
    offerIds.length ? db.select({ id: offers.id, name: offers.displayName }).from(offers).where(inArray(offers.id, offerIds)) : none,
    planTargets.length
      ? db
          .select({ offerId: plans.offerId, planId: plans.planId, name: plans.displayName })
          .from(plans)
          .where(inArray(plans.offerId, [...new Set(planTargets.map((p) => p.offerId))]))
      : Promise.resolve([] as Array<{ offerId: string; planId: string; name: string }>),
  ]);
  const out: AuditTargetName[] = [];
  // A subscription's ID is stored lower-case; the audit row may say it either way.
  const subRow = new Map(subRows.map((r) => [r.id, r]));
  for (const id of subs) {
    const row = subRow.get(id.toLowerCase());
    if (row) out.push({ type: "subscription", id, name: row.name || id, offerId: row.offerId });
  }
  const put = (type: string, list: Array<{ id: string; name: string }>) =>
    list.forEach((r) => r.name && out.push({ type, id: r.id, name: r.name }));
  put("api_key", keyRows);
  put("notification_channel", channelRows);
  put("outbound_endpoint", endpointRows);
  put("offer", offerRows);
  for (const t of planTargets) {
    const plan = planRows.find((p) => p.offerId === t.offerId && p.planId === t.planId);
    if (plan) out.push({ type: "plan", id: t.id, name: plan.name });
  }
  return out;
}
