import "server-only";
import { and, asc, eq, gt, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { plans, subscriptions, usageHours, type NewAuditEvent, type UsageHour } from "@/db/schema";
import { rowsOf } from "./rows";

export type HourKey = { subscriptionId: string; dimension: string; hour: Date };

/** What the split reads of an hour. */
export type HourToSplit = Pick<UsageHour, "subscriptionId" | "dimension" | "hour" | "quantity" | "planId">;

/** Closed, unsplit hours (oldest first per subscription and dimension), locked for this pass. */
export async function lockClosedOpenHours(tx: DbOrTx, closedBefore: Date, limit: number): Promise<HourToSplit[]> {
  return tx
    .select({
      subscriptionId: usageHours.subscriptionId,
      dimension: usageHours.dimension,
      hour: usageHours.hour,
      quantity: usageHours.quantity,
      planId: usageHours.planId,
    })
    .from(usageHours)
    .where(and(eq(usageHours.status, "open"), lt(usageHours.hour, closedBefore)))
    .orderBy(asc(usageHours.subscriptionId), asc(usageHours.dimension), asc(usageHours.hour))
    .limit(limit)
    .for("update", { skipLocked: true });
}

/** Every closed, unsplit hour of these subscriptions, locked by anyone or not. */
export async function listClosedOpenHours(tx: DbOrTx, subscriptionIds: string[], closedBefore: Date): Promise<HourKey[]> {
  return tx
    .select({ subscriptionId: usageHours.subscriptionId, dimension: usageHours.dimension, hour: usageHours.hour })
    .from(usageHours)
    .where(and(eq(usageHours.status, "open"), lt(usageHours.hour, closedBefore), inArray(usageHours.subscriptionId, subscriptionIds)))
    .orderBy(asc(usageHours.subscriptionId), asc(usageHours.dimension), asc(usageHours.hour));
}

/** The subscriptions' terms and the billing terms of every plan of their offers. */
export async function selectTermsAndPlans(tx: DbOrTx, subscriptionIds: string[]) {
  const subs = await tx
    .select({
      id: subscriptions.id,
      offerId: subscriptions.offerId,
      termUnit: subscriptions.termUnit,
      termStartDate: subscriptions.termStartDate,
      termEndDate: subscriptions.termEndDate,
    })
    .from(subscriptions)
    .where(inArray(subscriptions.id, subscriptionIds));
  const offerIds = [...new Set(subs.map((s) => s.offerId))];
  const planRows = offerIds.length
    ? await tx
        .select({ offerId: plans.offerId, planId: plans.planId, billingTerms: plans.billingTerms })
        .from(plans)
        .where(inArray(plans.offerId, offerIds))
    : [];
  return { subs, plans: planRows };
}

export interface AllowanceKey {
  k: string;
  s: string;
  d: string;
  p: string;
  from: string;
  to: string;
}

/** Included units already used per key: split hours of the same plan in the term, before the hour. */
export async function sumIncludedUsed(tx: DbOrTx, keys: AllowanceKey[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  // A sum per key over its primary-key range. As a join, the statistics of a pass's start (every
  // hour still open) made the planner scan the whole table for "not open" hours on every call.
  const result = await tx.execute(sql`
    select v.k, coalesce((
      select sum(h.included_quantity) from usage_hours h
      where h.subscription_id = v.s and h.dimension = v.d and h.hour >= v."from" and h.hour < v."to"
        and h.plan_id = v.p and h.status <> 'open'
    ), 0)::float8 as used
    from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as v(k text, s uuid, d text, p text, "from" timestamptz, "to" timestamptz)`);
  return new Map(rowsOf<{ k: string; used: number }>(result).map((r) => [r.k, Number(r.used)]));
}

export interface HourSplit {
  s: string;
  d: string;
  h: string;
  included: number;
  reported: number;
  status: "ready" | "nothing_to_report" | "expired";
  error: string | null;
}

export async function applySplits(tx: DbOrTx, splits: HourSplit[]): Promise<void> {
  if (splits.length === 0) return;
  await tx.execute(sql`
    update usage_hours u set included_quantity = v.included, reported_quantity = v.reported,
      status = v.status::usage_hour_status, last_error = v.error, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(splits)}::jsonb) as v(s uuid, d text, h timestamptz, included numeric, reported numeric, status text, error text)
    where u.subscription_id = v.s and u.dimension = v.d and u.hour = v.h and u.status = 'open'`);
}

/**
 * Refreshes the planner's statistics of usage_hours. A pass that splits many hours turns them from
 * open to ready at once, and the claims and records that follow are planned for what the
 * statistics last saw (autovacuum analyzes only a while later).
 */
export async function analyzeUsageHours(db: DbOrTx): Promise<void> {
  await db.execute(sql`analyze usage_hours`);
}

/**
 * Claims hours to send and marks them `submitting` with an attempt ID, committed before anything
 * is sent: ready hours that are due, and `submitting` hours whose lease ran out (a pass that died
 * after claiming, perhaps after sending). Only hours still inside Microsoft's window.
 */
export async function claimHoursToSend(
  db: Db,
  opts: { now: Date; windowStart: Date; leaseEnd: Date; attemptId: string; limit: number },
): Promise<UsageHour[]> {
  // One statement: the due hours are locked (skipping those another pass holds) and marked together.
  // Each status is read in hour order from the (status, hour) index, which stops at the limit: with
  // both statuses in one condition every due hour was read and sorted on each claim.
  const now = opts.now.toISOString();
  const windowStart = opts.windowStart.toISOString();
  const due = (status: "ready" | "submitting") => sql`
    select subscription_id, dimension, hour from usage_hours
    where status = ${status} and hour > ${windowStart}::timestamptz
      and (next_attempt_at is null or next_attempt_at <= ${now}::timestamptz)
    order by hour
    limit ${opts.limit}
    for update skip locked`;
  const result = await db.execute(sql`
    with ready as (${due("ready")}), lapsed as (${due("submitting")}), due as (
      select * from ready union all select * from lapsed
      order by hour
      limit ${opts.limit}
    )
    update usage_hours u set status = 'submitting', attempt_id = ${opts.attemptId}, attempts = u.attempts + 1,
      next_attempt_at = ${opts.leaseEnd.toISOString()}::timestamptz, updated_at = now()
    from due
    where u.subscription_id = due.subscription_id and u.dimension = due.dimension and u.hour = due.hour
    returning u.subscription_id, u.dimension, u.hour, u.reported_quantity, u.plan_id, u.attempts`);
  return rowsOf<Record<string, unknown>>(result)
    .map(
      (r) =>
        ({
          subscriptionId: String(r.subscription_id),
          dimension: String(r.dimension),
          hour: new Date(r.hour as string | Date),
          reportedQuantity: Number(r.reported_quantity),
          planId: String(r.plan_id),
          attempts: Number(r.attempts),
        }) as UsageHour,
    )
    .sort((a, b) => a.hour.getTime() - b.hour.getTime() || cmp(a.subscriptionId, b.subscriptionId) || cmp(a.dimension, b.dimension));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface HourOutcome {
  s: string;
  d: string;
  h: string;
  status: "ready" | "accepted" | "duplicate" | "expired" | "rejected" | "failed";
  eventId: string | null;
  error: string | null;
  next: string | null;
}

/**
 * Records what Microsoft answered and writes the audit rows of the hours it updated, in one statement (one round trip per
 * batch); fenced by the attempt ID, so a pass whose claim was taken over changes no hour. The hours
 * are locked in key order first, as ingestion locks them, so the two never deadlock.
 */
export async function recordOutcomes(
  db: DbOrTx,
  attemptId: string,
  outcomes: HourOutcome[],
  now: Date,
  audits: NewAuditEvent[] = [],
): Promise<number> {
  if (outcomes.length === 0) return 0;
  const auditRows = JSON.stringify(
    audits.map((a) => ({ t: a.actorType, i: a.actorId ?? null, a: a.action, tt: a.targetType, ti: a.targetId, m: a.metadata ?? {} })),
  );
  const result = await db.execute(sql`
    with v as (
      select * from jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb) as v(s uuid, d text, h timestamptz, status text, "eventId" text, error text, next text)
    ), locked as (
      -- Found by primary key only, and the status checked on the locked row: a status condition here
      -- let the planner, misled by the statistics of the pass's start, read every hour in flight
      -- through the status index for each batch.
      select v.*, u.status as current from v join usage_hours u on u.subscription_id = v.s and u.dimension = v.d and u.hour = v.h
      where u.attempt_id = ${attemptId}
      order by u.subscription_id, u.dimension, u.hour
      for update of u
    ), updated as (
      update usage_hours u set status = l.status::usage_hour_status, marketplace_usage_event_id = coalesce(l."eventId", u.marketplace_usage_event_id),
        last_error = l.error, next_attempt_at = l.next::timestamptz,
        reported_at = case when l.status in ('accepted', 'duplicate') then ${now.toISOString()}::timestamptz else u.reported_at end,
        updated_at = now()
      from locked l
      where u.subscription_id = l.s and u.dimension = l.d and u.hour = l.h and l.current = 'submitting'
      returning u.subscription_id, u.dimension, u.hour
    ), audited as (
      -- An hour's audit row (target: its subscription; metadata: its dimension and hour) only when this pass updated that hour.
      insert into audit_events (actor_type, actor_id, action, target_type, target_id, metadata)
      select a.t::actor_type, a.i, a.a, a.tt, a.ti, a.m from jsonb_to_recordset(${auditRows}::jsonb) as a(t text, i text, a text, tt text, ti text, m jsonb)
      where exists (
        select 1 from updated x
        where x.subscription_id::text = lower(a.ti) and x.dimension = a.m->>'dimension' and x.hour = (a.m->>'hour')::timestamptz
      )
      returning 1
    )
    select (select count(*) from updated)::int as n, (select count(*) from audited)::int as audited`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

/** Unsent hours whose window closes soon and that were not warned about yet: flagged, returned. */
export async function flagHoursNearExpiry(db: DbOrTx, windowStart: Date, warnBefore: Date, now: Date): Promise<UsageHour[]> {
  return db
    .update(usageHours)
    .set({ expiryWarnedAt: now })
    .where(
      and(
        inArray(usageHours.status, ["ready", "submitting"]),
        isNull(usageHours.expiryWarnedAt),
        gt(usageHours.hour, windowStart),
        lt(usageHours.hour, warnBefore),
      ),
    )
    .returning();
}

/** Hours that can no longer be sent: ready ones past the window expire; a `submitting` one past it has an unknown outcome. */
export async function expireUnsentHours(db: DbOrTx, windowStart: Date, now: Date): Promise<UsageHour[]> {
  const expired = await db
    .update(usageHours)
    .set({ status: "expired", lastError: "Microsoft's 24-hour window passed before the hour was sent." })
    .where(and(eq(usageHours.status, "ready"), lte(usageHours.hour, windowStart)))
    .returning();
  const unknown = await db
    .update(usageHours)
    .set({ status: "failed", lastError: "Sent, but the window passed before Microsoft's answer was recorded: see reconciliation." })
    .where(and(eq(usageHours.status, "submitting"), lte(usageHours.hour, windowStart), lte(usageHours.nextAttemptAt, now)))
    .returning();
  return [...expired, ...unknown];
}

/** Split hours that received usage after their split, in key order; not locked (see `lockGroupHours`). */
export async function listHoursWithLateUsage(db: DbOrTx, limit: number): Promise<UsageHour[]> {
  return db
    .select()
    .from(usageHours)
    .where(and(gt(usageHours.lateQuantity, 0), sql`${usageHours.status} not in ('open', 'submitting')`))
    .orderBy(asc(usageHours.subscriptionId), asc(usageHours.dimension), asc(usageHours.hour))
    .limit(limit);
}

/**
 * Locks these hours of one subscription and dimension in hour order, as ingestion locks them (key
 * order): the late-usage move and ingestion can then wait on each other but never deadlock.
 */
export async function lockGroupHours(tx: DbOrTx, subscriptionId: string, dimension: string, hours: Date[]): Promise<UsageHour[]> {
  if (hours.length === 0) return [];
  return tx
    .select()
    .from(usageHours)
    .where(
      and(
        eq(usageHours.subscriptionId, subscriptionId),
        eq(usageHours.dimension, dimension),
        inArray(
          usageHours.hour,
          hours.map((h) => new Date(h)),
        ),
      ),
    )
    .orderBy(asc(usageHours.hour))
    .for("update");
}

/** The earliest hour of a subscription and dimension still open (unsplit) inside the window. */
export async function earliestOpenHour(tx: DbOrTx, subscriptionId: string, dimension: string, windowStart: Date): Promise<Date | null> {
  const [row] = await tx
    .select({ hour: usageHours.hour })
    .from(usageHours)
    .where(
      and(
        eq(usageHours.subscriptionId, subscriptionId),
        eq(usageHours.dimension, dimension),
        eq(usageHours.status, "open"),
        gt(usageHours.hour, windowStart),
      ),
    )
    .orderBy(asc(usageHours.hour))
    .limit(1);
  return row?.hour ?? null;
}

/**
 * Adds late usage to an hour (created when missing) the way ingestion does: onto its quantity while
 * it is open, onto its own late quantity once it was split meanwhile (moved again by a later pass).
 */
export async function addToHour(tx: DbOrTx, to: HourKey & { quantity: number; planId: string }): Promise<void> {
  await tx
    .insert(usageHours)
    .values({ subscriptionId: to.subscriptionId, dimension: to.dimension, hour: to.hour, quantity: to.quantity, planId: to.planId })
    .onConflictDoUpdate({
      target: [usageHours.subscriptionId, usageHours.dimension, usageHours.hour],
      set: {
        quantity: sql`case when ${usageHours.status} = 'open' then ${usageHours.quantity} + excluded.quantity else ${usageHours.quantity} end`,
        lateQuantity: sql`case when ${usageHours.status} = 'open' then ${usageHours.lateQuantity} else ${usageHours.lateQuantity} + excluded.quantity end`,
        updatedAt: new Date(),
      },
    });
}

/** Takes moved late usage off the split hour it arrived for. */
export async function subtractLateQuantity(tx: DbOrTx, from: HourKey & { quantity: number }): Promise<void> {
  await tx
    .update(usageHours)
    .set({ lateQuantity: sql`${usageHours.lateQuantity} - ${from.quantity}` })
    .where(
      and(eq(usageHours.subscriptionId, from.subscriptionId), eq(usageHours.dimension, from.dimension), eq(usageHours.hour, from.hour)),
    );
}
