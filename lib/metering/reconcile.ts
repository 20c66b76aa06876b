import "server-only";
import type { DbOrTx } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { selectReportedDays } from "@/db/queries/usage-read";
import type { MarketplaceClient } from "@/lib/marketplace";

export type ReconcileClient = Pick<MarketplaceClient, "getUsageEvents">;

export interface UsageDifference {
  day: string;
  subscriptionId: string;
  dimension: string;
  kind: "missing_at_microsoft" | "unknown_to_portal" | "quantity_mismatch";
  portal: { quantity: number; count: number } | null;
  microsoft: { quantity: number; count: number; reconStatus?: string } | null;
}

const close = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/**
 * Compares Microsoft's record of usage (GET /usageEvents, per day, resource, dimension and plan:
 * https://learn.microsoft.com/en-us/partner-center/marketplace-offers/marketplace-metering-service-apis#metered-billing-retrieve-usage-events)
 * with the hours the portal reported in [from, to]. Differences are returned and audited.
 */
export async function reconcileUsage(
  db: DbOrTx,
  client: ReconcileClient,
  opts: { from: Date; to: Date },
): Promise<{ compared: number; differences: UsageDifference[] }> {
  const [records, ours] = [
    await client.getUsageEvents({ usageStartDate: opts.from, usageEndDate: opts.to }),
    await selectReportedDays(db, opts.from, opts.to),
  ];
  const key = (day: string, s: string, d: string) => `${day}|${s.toLowerCase()}|${d}`;
  const theirs = new Map<string, { quantity: number; count: number; reconStatus?: string }>();
  for (const r of records) {
    if (!r.usageDate || !r.usageResourceId || !r.dimension) continue;
    const k = key(r.usageDate.slice(0, 10), r.usageResourceId, r.dimension);
    const prev = theirs.get(k) ?? { quantity: 0, count: 0, reconStatus: r.reconStatus };
    theirs.set(k, {
      quantity: prev.quantity + (r.submittedQuantity ?? 0),
      count: prev.count + (r.submittedCount ?? 0),
      reconStatus: r.reconStatus,
    });
  }
  const differences: UsageDifference[] = [];
  for (const o of ours) {
    const k = key(o.day, o.subscriptionId, o.dimension);
    const m = theirs.get(k);
    theirs.delete(k);
    const portal = { quantity: Number(o.quantity), count: Number(o.count) };
    if (!m)
      differences.push({
        day: o.day,
        subscriptionId: o.subscriptionId,
        dimension: o.dimension,
        kind: "missing_at_microsoft",
        portal,
        microsoft: null,
      });
    else if (!close(m.quantity, portal.quantity) || m.count !== portal.count) {
      differences.push({
        day: o.day,
        subscriptionId: o.subscriptionId,
        dimension: o.dimension,
        kind: "quantity_mismatch",
        portal,
        microsoft: m,
      });
    }
  }
  for (const [k, m] of theirs) {
    const [day, subscriptionId, dimension] = k.split("|") as [string, string, string];
    differences.push({ day, subscriptionId, dimension, kind: "unknown_to_portal", portal: null, microsoft: m });
  }
  await insertAuditEvent(db, {
    actorType: "system",
    actorId: "metering",
    action: "usage.reconciled",
    targetType: "usage",
    targetId: `${opts.from.toISOString()}/${opts.to.toISOString()}`,
    metadata: { compared: ours.length, differences: differences.slice(0, 200), differenceCount: differences.length },
  });
  return { compared: ours.length, differences };
}
