import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rowsOf } from "./rows";

export interface UsageRow {
  /** The event's place in the caller's list, to answer refusals by index. */
  index: number;
  subscriptionId: string;
  dimension: string;
  quantity: number;
  effectiveAt: Date;
  hour: Date;
  idempotencyKey: string | null;
}

/** Why the database refused an event: `unknown_plan` when the subscription's plan is not in the catalogue. */
export type UsageRefusalCode = "unknown_subscription" | "unknown_plan" | "not_metered" | "unknown_dimension";
export interface UsageRefusal {
  index: number;
  code: UsageRefusalCode;
  subscriptionId: string;
  offerId: string | null;
  planId: string | null;
}

/**
 * Checks events against their subscriptions and plans, stores the valid ones and adds them to their
 * hours, in one statement (one round trip per call): the events' INSERT skips repeated idempotency
 * keys (the first of a call's events with one key wins), and only the rows it inserted feed the hour
 * upsert. Events are inserted in (subscription, key, index) order and hours upserted in key order,
 * so concurrent calls lock rows in the same order (no deadlock). An hour already split (reported or on its way) takes the usage as `late_quantity`,
 * which the submission pass moves to the earliest unreported hour.
 */
export async function insertUsage(
  db: DbOrTx,
  rows: UsageRow[],
  source: { kind: string; ref: string | null },
): Promise<{ inserted: number; refused: UsageRefusal[] }> {
  if (rows.length === 0) return { inserted: 0, refused: [] };
  const payload = JSON.stringify(
    rows.map((r) => ({
      i: r.index,
      s: r.subscriptionId,
      d: r.dimension,
      q: r.quantity,
      e: r.effectiveAt.toISOString(),
      h: r.hour.toISOString(),
      k: r.idempotencyKey,
    })),
  );
  const result = await db.execute(sql`
    with input as (
      select * from jsonb_to_recordset(${payload}::jsonb) as x(i int, s uuid, d text, q numeric, e timestamptz, h timestamptz, k text)
    ), checked as (
      select input.*, sub.offer_id as o, sub.plan_id as p,
        case
          when sub.id is null then 'unknown_subscription'
          when pl.plan_id is null then 'unknown_plan'
          when jsonb_array_length(pl.metering_dimensions) = 0 then 'not_metered'
          when not pl.metering_dimensions @> jsonb_build_array(jsonb_build_object('id', input.d)) then 'unknown_dimension'
        end as code
      from input
      left join subscriptions sub on sub.id = input.s
      left join plans pl on pl.offer_id = sub.offer_id and pl.plan_id = sub.plan_id
    ), ins as (
      insert into usage_events (subscription_id, dimension, quantity, effective_at, hour, idempotency_key, source, source_ref)
      select s, d, q, e, h, k, ${source.kind}::usage_source, ${source.ref} from checked where code is null order by s, k, i
      on conflict (subscription_id, idempotency_key) do nothing
      returning subscription_id, dimension, hour, quantity
    ), plan_of as (
      select distinct s, p from checked where code is null
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
    select (select count(*) from ins)::int as inserted,
      (select count(*) from agg)::int as hours,
      (select coalesce(jsonb_agg(jsonb_build_array(i, code, s, o, p)), '[]'::jsonb) from checked where code is not null) as refused
  `);
  const row = rowsOf<{ inserted: number; refused: [number, UsageRefusalCode, string, string | null, string | null][] | string }>(result)[0];
  if (!row) return { inserted: 0, refused: [] };
  const refused = typeof row.refused === "string" ? (JSON.parse(row.refused) as typeof row.refused) : row.refused;
  return {
    inserted: row.inserted,
    refused: (refused as [number, UsageRefusalCode, string, string | null, string | null][]).map(
      ([index, code, subscriptionId, offerId, planId]) => ({
        index,
        code,
        subscriptionId,
        offerId,
        planId,
      }),
    ),
  };
}
