import "server-only";
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { plans, subscriptions, usageHours, type UsageHour } from "@/db/schema";
import { rowsOf } from "./rows";

export interface UsageHoursFilter {
  subscriptionId?: string;
  dimension?: string;
  from?: Date;
  to?: Date;
  limit?: number;
}

/** Hourly aggregates with their reporting status, newest first. */
export async function selectUsageHours(db: DbOrTx, f: UsageHoursFilter): Promise<UsageHour[]> {
  const where: SQL[] = [];
  if (f.subscriptionId) where.push(eq(usageHours.subscriptionId, f.subscriptionId.toLowerCase()));
  if (f.dimension) where.push(eq(usageHours.dimension, f.dimension));
  if (f.from) where.push(gte(usageHours.hour, f.from));
  if (f.to) where.push(lt(usageHours.hour, f.to));
  return db
    .select()
    .from(usageHours)
    .where(and(...where))
    .orderBy(desc(usageHours.hour), asc(usageHours.subscriptionId), asc(usageHours.dimension))
    .limit(Math.min(Math.max(f.limit ?? 500, 1), 5000));
}

/** The subscription with its plan's billing terms and dimensions, for term accounting. */
export async function selectSubscriptionPlan(db: DbOrTx, subscriptionId: string) {
  const [row] = await db
    .select({
      id: subscriptions.id,
      planId: subscriptions.planId,
      termUnit: subscriptions.termUnit,
      termStartDate: subscriptions.termStartDate,
      termEndDate: subscriptions.termEndDate,
      billingTerms: plans.billingTerms,
      dimensions: plans.meteringDimensions,
    })
    .from(subscriptions)
    .leftJoin(plans, and(eq(plans.offerId, subscriptions.offerId), eq(plans.planId, subscriptions.planId)))
    .where(eq(subscriptions.id, subscriptionId.toLowerCase()));
  return row ?? null;
}

export interface DimensionTotals {
  dimension: string;
  quantity: number;
  included: number;
  reported: number;
  billed: number;
}

/** Totals per dimension of one subscription's hours in [from, to). */
export async function sumUsageHours(db: DbOrTx, subscriptionId: string, from: Date, to: Date): Promise<DimensionTotals[]> {
  const result = await db.execute(sql`
    select dimension,
      coalesce(sum(quantity + late_quantity), 0)::float8 as quantity,
      coalesce(sum(included_quantity), 0)::float8 as included,
      coalesce(sum(reported_quantity), 0)::float8 as reported,
      coalesce(sum(reported_quantity) filter (where status in ('accepted', 'duplicate')), 0)::float8 as billed
    from usage_hours
    where subscription_id = ${subscriptionId.toLowerCase()} and hour >= ${from.toISOString()}::timestamptz and hour < ${to.toISOString()}::timestamptz
    group by dimension order by dimension`);
  return rowsOf<DimensionTotals>(result);
}

export interface DailyUsage {
  day: string;
  dimension: string;
  quantity: number;
  included: number;
  reported: number;
}

/** Per UTC day and dimension, over all subscriptions, since `from`. */
export async function selectDailyUsage(db: DbOrTx, from: Date): Promise<DailyUsage[]> {
  const result = await db.execute(sql`
    select to_char(date_trunc('day', hour at time zone 'UTC'), 'YYYY-MM-DD') as day, dimension,
      sum(quantity + late_quantity)::float8 as quantity, sum(included_quantity)::float8 as included, sum(reported_quantity)::float8 as reported
    from usage_hours where hour >= ${from.toISOString()}::timestamptz
    group by 1, 2 order by 1 desc, 2`);
  return rowsOf<DailyUsage>(result);
}

/** Hours Microsoft refused or the portal could not send, newest first. */
export async function selectFailedHours(db: DbOrTx, from: Date, limit = 200): Promise<UsageHour[]> {
  return db
    .select()
    .from(usageHours)
    .where(and(inArray(usageHours.status, ["expired", "rejected", "failed"]), gte(usageHours.hour, from)))
    .orderBy(desc(usageHours.hour))
    .limit(limit);
}

/** Closed hours still unsent whose window ends before `before`. */
export async function selectHoursNearExpiry(
  db: DbOrTx,
  closedBefore: Date,
  windowStart: Date,
  before: Date,
  limit = 200,
): Promise<UsageHour[]> {
  return db
    .select()
    .from(usageHours)
    .where(
      and(
        inArray(usageHours.status, ["open", "ready", "submitting"]),
        lt(usageHours.hour, closedBefore),
        gte(usageHours.hour, windowStart),
        lt(usageHours.hour, before),
      ),
    )
    .orderBy(asc(usageHours.hour))
    .limit(limit);
}

export interface ReportedDay {
  day: string;
  subscriptionId: string;
  dimension: string;
  quantity: number;
  count: number;
}

/** What the portal reported and Microsoft accepted, per UTC day, subscription and dimension. */
export async function selectReportedDays(db: DbOrTx, from: Date, to: Date): Promise<ReportedDay[]> {
  const result = await db.execute(sql`
    select to_char(date_trunc('day', hour at time zone 'UTC'), 'YYYY-MM-DD') as day, subscription_id as "subscriptionId", dimension,
      sum(reported_quantity)::float8 as quantity, count(*)::int as count
    from usage_hours
    where status in ('accepted', 'duplicate') and hour >= ${from.toISOString()}::timestamptz and hour <= ${to.toISOString()}::timestamptz
    group by 1, 2, 3`);
  return rowsOf<ReportedDay>(result);
}
