import "server-only";
import { and, asc, eq, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { subscriptions, type Subscription } from "../schema";

export interface ApiSubscriptionFilters {
  status?: Subscription["status"];
  offerId?: string;
  planId?: string;
  /** Purchaser or beneficiary tenant. */
  tenantId?: string;
}

/** Position after which a page starts: the last row's creation time (microseconds, as text) and ID. */
export interface SubscriptionKeyset {
  createdAt: string;
  id: string;
}

// Microsecond precision as PostgreSQL stores it: a JavaScript Date would drop it and skip or repeat rows.
const createdAtText = sql<string>`to_char(${subscriptions.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * One page in creation order (oldest first, then ID), after `after`: keyset paging, so a page costs
 * the same however deep it is and rows added meanwhile are neither skipped nor repeated.
 * Served by subscriptions_created_idx (created_at, id).
 */
export async function listSubscriptionsPage(
  db: DbOrTx,
  filters: ApiSubscriptionFilters,
  opts: { after?: SubscriptionKeyset; limit: number },
): Promise<Array<{ row: Subscription; keyset: SubscriptionKeyset }>> {
  const where: Array<SQL | undefined> = [
    filters.status ? eq(subscriptions.status, filters.status) : undefined,
    filters.offerId ? eq(subscriptions.offerId, filters.offerId) : undefined,
    filters.planId ? eq(subscriptions.planId, filters.planId) : undefined,
    filters.tenantId
      ? or(eq(subscriptions.purchaserTenantId, filters.tenantId), eq(subscriptions.beneficiaryTenantId, filters.tenantId))
      : undefined,
    opts.after
      ? sql`(${subscriptions.createdAt}, ${subscriptions.id}) > (${opts.after.createdAt}::timestamptz, ${opts.after.id}::uuid)`
      : undefined,
  ];
  const rows = await db
    .select({ row: subscriptions, createdAt: createdAtText })
    .from(subscriptions)
    .where(and(...where))
    .orderBy(asc(subscriptions.createdAt), asc(subscriptions.id))
    .limit(opts.limit);
  return rows.map((r) => ({ row: r.row, keyset: { createdAt: r.createdAt, id: r.row.id } }));
}
