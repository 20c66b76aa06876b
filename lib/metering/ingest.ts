import type { DbOrTx } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { findMeteredSubscriptions, insertUsage, type UsageRow } from "@/db/queries/usage";
import { usageEventSchema, type IngestResult, type UsageEventIn, type UsageRejection, type UsageSource } from "./schemas";
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
  events.forEach((raw, index) => {
    // Callers validate with usageEventSchema; a service entry point still refuses a bad shape.
    const check = usageEventSchema.safeParse(raw);
    if (!check.success) {
      rejected.push({ index, code: "invalid", message: check.error.issues.map((i) => `${i.path.join(".") || "event"}: ${i.message}`).join("; ") });
      return;
    }
    const e = check.data;
    const at = new Date(e.timestamp);
    if (!isInsideWindow(at, now)) {
      rejected.push({ index, code: "outside_window", message: "Microsoft accepts usage for the past 24 hours only, and none from the future." });
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
    rows.push({ subscriptionId: sub.id, dimension: e.dimension, quantity: e.quantity, effectiveAt: e.at, hour: hourOf(e.at), idempotencyKey: e.id ?? null, planId: sub.planId });
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
      metadata: { source: source.kind, ref: source.ref, accepted, duplicates: result.duplicates, rejected: rejected.length, events: events.length },
    });
  }
  return result;
}
