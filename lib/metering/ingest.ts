import "server-only";
import type { DbOrTx } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { findMeteredSubscriptions, insertUsage, type UsageRow } from "@/db/queries/usage";
import { type IngestResult, type UsageEventIn, type UsageRejection, type UsageSource } from "./schemas";
import { hourOf, isInsideWindow } from "./window";

/**
 * Stores usage events and adds them to their hours. Each event is checked on its own (the valid
 * ones are kept when others fail); the subscriptions are looked up in one query and the events
 * written in one statement, so a call of 1,000 events costs two round trips.
 */
export async function ingestUsage(
  db: DbOrTx,
  events: UsageEventIn[],
  source: UsageSource,
  opts: { now?: Date } = {},
): Promise<IngestResult> {
  const now = opts.now ?? new Date();
  const rejected: UsageRejection[] = [];
  const ids = new Set<string>();
  const parsed: (UsageEventIn & { at: Date })[] = [];
  const indexes: number[] = [];
  events.forEach((e, index) => {
    // Callers validate with usageEventSchema (the API route, CSV import, manual posting); parsing a
    // thousand events twice costs more than the SQL, so only what this function relies on is rechecked.
    const problem = cheapCheck(e);
    if (problem) {
      rejected.push({ index, code: "invalid", message: problem });
      return;
    }
    const at = new Date(e.timestamp);
    if (!isInsideWindow(at, now)) {
      rejected.push({
        index,
        code: "outside_window",
        message: "Microsoft accepts usage for the past 24 hours only, and none from the future.",
      });
      return;
    }
    const subscriptionId = e.subscriptionId.toLowerCase();
    ids.add(subscriptionId);
    parsed.push({ ...e, subscriptionId, at });
    indexes.push(index);
  });

  const subs = new Map((await findMeteredSubscriptions(db, [...ids])).map((s) => [s.id, s]));
  const rows: UsageRow[] = [];
  parsed.forEach((e, i) => {
    const index = indexes[i]!;
    const sub = subs.get(e.subscriptionId);
    if (!sub) {
      rejected.push({ index, code: "unknown_subscription", message: `No subscription ${e.subscriptionId}.` });
      return;
    }
    if (!sub.dimensions || sub.dimensions.length === 0) {
      rejected.push({ index, code: "not_metered", message: `Plan ${sub.planId} has no metering dimensions.` });
      return;
    }
    if (!sub.dimensions.some((d) => d.id === e.dimension)) {
      rejected.push({ index, code: "unknown_dimension", message: `Plan ${sub.planId} has no dimension ${e.dimension}.` });
      return;
    }
    rows.push({
      subscriptionId: sub.id,
      dimension: e.dimension,
      quantity: e.quantity,
      effectiveAt: e.at,
      hour: hourOf(e.at),
      idempotencyKey: e.id ?? null,
      planId: sub.planId,
    });
  });
  rejected.sort((a, b) => a.index - b.index);

  const accepted = await insertUsage(db, rows, { kind: source.kind, ref: source.ref || null });
  const result = { accepted, duplicates: rows.length - accepted, rejected };
  if (source.kind === "manual" || source.kind === "csv") {
    await insertAuditEvent(db, {
      actorType: "staff",
      actorId: source.ref,
      actorEmail: source.kind === "manual" ? source.ref : null,
      action: source.kind === "manual" ? "usage.posted" : "usage.imported",
      targetType: rows.length === 1 || ids.size === 1 ? "subscription" : "usage",
      targetId: ids.size === 1 ? [...ids][0]! : "usage",
      metadata: {
        source: source.kind,
        ref: source.ref,
        accepted,
        duplicates: result.duplicates,
        rejected: rejected.length,
        events: events.length,
      },
    });
  }
  return result;
}

function cheapCheck(e: UsageEventIn): string | null {
  if (e === null || typeof e !== "object") return "event: must be an object";
  if (typeof e.subscriptionId !== "string" || !GUID.test(e.subscriptionId)) return "subscriptionId: must be a GUID";
  if (typeof e.dimension !== "string" || e.dimension.length < 1 || e.dimension.length > 64) return "dimension: 1 to 64 characters";
  if (typeof e.quantity !== "number" || !Number.isFinite(e.quantity) || e.quantity <= 0) return "quantity: must be a number greater than 0";
  if (typeof e.timestamp !== "string" || !ISO_WITH_OFFSET.test(e.timestamp) || Number.isNaN(Date.parse(e.timestamp)))
    return "timestamp: must be an ISO 8601 date-time with offset";
  if (e.id !== undefined && (typeof e.id !== "string" || e.id.length < 1 || e.id.length > 128)) return "id: 1 to 128 characters";
  return null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
