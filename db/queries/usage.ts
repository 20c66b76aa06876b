import "server-only";
import { inArray, eq, and, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { plans, subscriptions, type MeteringDimension } from "@/db/schema";
import { rowsOf } from "./rows";

export interface MeteredSubscription {
  id: string;
  offerId: string;
  planId: string;
  status: string;
  /** null when the portal's catalogue does not know the plan (yet). */
  dimensions: MeteringDimension[] | null;
}

/** The subscriptions usage names, with their plan's dimensions: one query per ingestion call. */
export async function findMeteredSubscriptions(db: DbOrTx, ids: string[]): Promise<MeteredSubscription[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: subscriptions.id,
      offerId: subscriptions.offerId,
      planId: subscriptions.planId,
      status: subscriptions.status,
      dimensions: plans.meteringDimensions,
    })
    .from(subscriptions)
    .leftJoin(plans, and(eq(plans.offerId, subscriptions.offerId), eq(plans.planId, subscriptions.planId)))
    .where(inArray(subscriptions.id, ids));
}

export interface UsageRow {
  subscriptionId: string;
  dimension: string;
  quantity: number;
  effectiveAt: Date;
  hour: Date;
  idempotencyKey: string | null;
  planId: string;
}

/**
 * Stores events and adds them to their hours in one statement: the events' INSERT skips repeated
 * idempotency keys, and only the rows it inserted feed the hour upsert. Hours are upserted in key
 * order so concurrent calls touching the same hours lock them in the same order (no deadlock).
 * An hour already split (reported or on its way) takes the usage as `late_quantity`, which the
 * submission pass moves to the earliest unreported hour.
 */
export async function insertUsage(db: DbOrTx, rows: UsageRow[], source: { kind: string; ref: string | null }): Promise<number> {
  if (rows.length === 0) return 0;
  const sorted = [...rows].sort((a, b) =>
    a.subscriptionId < b.subscriptionId
      ? -1
      : a.subscriptionId > b.subscriptionId
        ? 1
        : (a.idempotencyKey ?? "") < (b.idempotencyKey ?? "")
          ? -1
          : 1,
  );
  const payload = JSON.stringify(
    sorted.map((r) => ({
      s: r.subscriptionId,
      d: r.dimension,
      q: r.quantity,
      e: r.effectiveAt.toISOString(),
      h: r.hour.toISOString(),
      k: r.idempotencyKey,
      p: r.planId,
    })),
  );
  const result = await db.execute(sql`
    with input as (
      select * from jsonb_to_recordset(${payload}::jsonb) as x(s uuid, d text, q numeric, e timestamptz, h timestamptz, k text, p text)
    ), ins as (
      insert into usage_events (subscription_id, dimension, quantity, effective_at, hour, idempotency_key, source, source_ref)
      select s, d, q, e, h, k, ${source.kind}::usage_source, ${source.ref} from input
      on conflict (subscription_id, idempotency_key) do nothing
      returning subscription_id, dimension, hour, quantity
    ), plan_of as (
      select distinct on (s) s, p from input
    ), agg as (
      insert into usage_hours as h (subscription_id, dimension, hour, quantity, plan_id)
      select ins.subscription_id, ins.dimension, ins.hour, sum(ins.quantity), min(plan_of.p)
      from ins join plan_of on plan_of.s = ins.subscription_id
      group by ins.subscription_id, ins.dimension, ins.hour
      order by ins.subscription_id, ins.dimension, ins.hour
      on conflict (subscription_id, dimension, hour) do update set
        quantity = case when h.status = 'open' then h.quantity + excluded.quantity else h.quantity end,
        late_quantity = case when h.status = 'open' then h.late_quantity else h.late_quantity + excluded.quantity end,
        updated_at = now()
      returning 1
    )
    select (select count(*) from ins)::int as inserted, (select count(*) from agg)::int as hours
  `);
  return rowsOf<{ inserted: number }>(result)[0]?.inserted ?? 0;
}
