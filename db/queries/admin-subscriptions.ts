import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { isGuid } from "@/lib/marketplace/enums";
import type { DbOrTx } from "../client";
import { subscriptionSearchText, subscriptions, type Subscription } from "../schema";
import { rowsOf } from "./rows";

export type SubscriptionStatus = Subscription["status"];

export interface AdminSubscriptionFilters {
  /** Name, subscription ID, purchaser or beneficiary e-mail, or tenant ID. */
  q?: string;
  status?: SubscriptionStatus[];
  offerId?: string;
  planId?: string;
  isTest?: boolean;
  isFreeTrial?: boolean;
}

export const ADMIN_SORT_KEYS = ["created", "name", "status"] as const;
export type AdminSortKey = (typeof ADMIN_SORT_KEYS)[number];
export interface AdminSort {
  by: AdminSortKey;
  dir: "asc" | "desc";
}

/** Position after (or before) a row: its sort-key values, the ID last as the tie-breaker. */
export type AdminCursor = string[];

export interface AdminSubscriptionPage {
  rows: Subscription[];
  /** Cursor of the last row when more rows follow; pass as `after`. */
  next: string | null;
  /** Cursor of the first row when rows precede it; pass as `before`. */
  prev: string | null;
}

// Microsecond precision: a cursor rounded to JS milliseconds would skip rows created in the same millisecond.
const createdKey = sql<string>`to_char(${subscriptions.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Sort-key expressions and how a cursor value is fed back to each of them. */
function sortColumns(by: AdminSortKey): Array<{ select: SQL; compare: (v: string) => SQL }> {
  const created = { select: createdKey, compare: (v: string) => sql`${v}::timestamptz` };
  const id = { select: sql`${subscriptions.id}::text`, compare: (v: string) => sql`${v}::uuid` };
  const columns: Record<AdminSortKey, Array<{ select: SQL; compare: (v: string) => SQL }>> = {
    created: [created, id],
    name: [{ select: sql`${subscriptions.name}`, compare: (v) => sql`${v}` }, id],
    status: [{ select: sql`${subscriptions.status}::text`, compare: (v) => sql`${v}::saas_subscription_status` }, created, id],
  };
  return columns[by];
}

const sortExpressions: Record<AdminSortKey, SQL[]> = {
  created: [sql`${subscriptions.createdAt}`, sql`${subscriptions.id}`],
  name: [sql`${subscriptions.name}`, sql`${subscriptions.id}`],
  status: [sql`${subscriptions.status}`, sql`${subscriptions.createdAt}`, sql`${subscriptions.id}`],
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function filterCondition(f: AdminSubscriptionFilters): SQL | undefined {
  const q = f.q?.trim();
  let search: SQL | undefined;
  if (q && isGuid(q)) {
    const id = q.toLowerCase();
    // Exact matches on indexed columns: the primary key and the two tenant indexes.
    search = or(eq(subscriptions.id, id), eq(subscriptions.purchaserTenantId, id), eq(subscriptions.beneficiaryTenantId, id));
  } else if (q) {
    // Control characters never occur in names or addresses, and the search text joins its fields with one.
    const text = q.replace(/[\u0000-\u001f\u007f]/g, "");
    search = text ? ilike(subscriptionSearchText(subscriptions), `%${escapeLike(text)}%`) : undefined;
  }
  return and(
    search,
    f.status?.length ? inArray(subscriptions.status, f.status) : undefined,
    f.offerId ? eq(subscriptions.offerId, f.offerId) : undefined,
    f.planId ? eq(subscriptions.planId, f.planId) : undefined,
    f.isTest === undefined ? undefined : eq(subscriptions.isTest, f.isTest),
    f.isFreeTrial === undefined ? undefined : eq(subscriptions.isFreeTrial, f.isFreeTrial),
  );
}

const cursorSchema = z.array(z.string().max(500)).min(2).max(3);

export function encodeCursor(values: AdminCursor): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/** A cursor from the URL; anything malformed or for another sort order reads as "no cursor". */
export function decodeCursor(raw: string | undefined, by: AdminSortKey): AdminCursor | null {
  if (!raw) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data.length !== sortColumns(by).length || !isGuid(parsed.data.at(-1)!)) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

/**
 * One page in keyset order: `(k1, k2, id) > (cursor)` walks the sort order from a row instead
 * of skipping rows with OFFSET, so deep pages cost what the first one does and rows inserted
 * meanwhile neither repeat nor vanish.
 */
export async function listAdminSubscriptions(
  db: DbOrTx,
  opts: { filters: AdminSubscriptionFilters; sort: AdminSort; after?: string; before?: string; limit?: number },
): Promise<AdminSubscriptionPage> {
  const limit = Math.min(Math.max(opts.limit ?? 25, 1), 1000);
  const columns = sortColumns(opts.sort.by);
  const after = decodeCursor(opts.after, opts.sort.by);
  const before = after ? null : decodeCursor(opts.before, opts.sort.by);
  // Walking backwards: flip the order, then flip the rows back.
  const backwards = before !== null;
  const ascending = (opts.sort.dir === "asc") !== backwards;
  const cursor = after ?? before;
  const keyset = cursor
    ? sql`(${sql.join(sortExpressions[opts.sort.by], sql`, `)}) ${sql.raw(ascending ? ">" : "<")} (${sql.join(
        columns.map((c, i) => c.compare(cursor[i]!)),
        sql`, `,
      )})`
    : undefined;
  const found = await db
    .select({
      row: subscriptions,
      keys: sql<string[]>`array[${sql.join(
        columns.map((c) => c.select),
        sql`, `,
      )}]`,
    })
    .from(subscriptions)
    .where(and(filterCondition(opts.filters), keyset))
    .orderBy(...sortExpressions[opts.sort.by].map((e) => (ascending ? asc(e) : desc(e))))
    .limit(limit + 1);
  const more = found.length > limit;
  const page = found.slice(0, limit);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  return {
    rows: page.map((p) => p.row),
    next: last && (backwards || more) ? encodeCursor(last.keys) : null,
    prev: first && (backwards ? more : after !== null) ? encodeCursor(first.keys) : null,
  };
}

/**
 * How many subscriptions match; with `cap`, counting stops after cap + 1 rows, so a broad filter
 * over a million rows costs what cap rows cost (the list shows "more than cap" then).
 */
export async function countAdminSubscriptions(db: DbOrTx, filters: AdminSubscriptionFilters, cap?: number): Promise<number> {
  if (cap === undefined) {
    const [row] = await db.select({ n: count() }).from(subscriptions).where(filterCondition(filters));
    return row?.n ?? 0;
  }
  const matching = db
    .select({ one: sql`1` })
    .from(subscriptions)
    .where(filterCondition(filters))
    .limit(cap + 1)
    .as("matching");
  const [row] = await db.select({ n: count() }).from(matching);
  return row?.n ?? 0;
}

/** Every matching row in batches, for the CSV export: keyset pages, so memory stays flat. */
export async function* iterateAdminSubscriptions(
  db: DbOrTx,
  filters: AdminSubscriptionFilters,
  sort: AdminSort,
  batchSize = 500,
): AsyncGenerator<Subscription[]> {
  let after: string | undefined;
  for (;;) {
    const page = await listAdminSubscriptions(db, { filters, sort, after, limit: batchSize });
    if (page.rows.length > 0) yield page.rows;
    if (!page.next) return;
    after = page.next;
  }
}

/**
 * Offers and plans present among subscriptions, for the filter menus. A skip scan over
 * subscriptions_offer_plan_filter_idx: one index probe per distinct pair, where SELECT DISTINCT would
 * read the whole index (100,000 entries for a handful of pairs) on every render.
 */
export async function listSubscriptionOfferPlans(db: DbOrTx): Promise<Array<{ offerId: string; planId: string }>> {
  const result = await db.execute(sql`
    with recursive pairs as (
      (select offer_id, plan_id from subscriptions order by offer_id, plan_id limit 1)
      union all
      select next.offer_id, next.plan_id from pairs
      cross join lateral (
        select offer_id, plan_id from subscriptions
        where (offer_id, plan_id) > (pairs.offer_id, pairs.plan_id)
        order by offer_id, plan_id limit 1
      ) next
    )
    select offer_id as "offerId", plan_id as "planId" from pairs`);
  return rowsOf<{ offerId: string; planId: string }>(result);
}
