import { and, eq, inArray, or, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { DbOrTx } from "../db";
import { isGuid } from "../http";
import { simApiCalls, simPlans, simSubscriptions, simUsageEvents, type SimPlan, type SimSubscription, type SimUsageEvent } from "../schema";

const HOUR_MS = 3600_000;
/** Usage must be reported within 24 hours of when it happened. */
const WINDOW_MS = 24 * HOUR_MS;
const FUTURE_SKEW_MS = 5 * 60_000;

export type UsageStatus =
  | "Accepted"
  | "Expired"
  | "Duplicate"
  | "Error"
  | "ResourceNotFound"
  | "ResourceNotAuthorized"
  | "ResourceNotActive"
  | "InvalidDimension"
  | "InvalidQuantity"
  | "BadArgument";

export interface UsageEcho {
  resourceId?: string;
  resourceUri?: string;
  quantity?: number;
  dimension?: string;
  effectiveStartTime?: string;
  planId?: string;
}

export type UsageOutcome =
  | { status: "Accepted"; event: SimUsageEvent }
  | { status: "Duplicate"; echo: UsageEcho; accepted: SimUsageEvent }
  | {
      status: Exclude<UsageStatus, "Accepted" | "Duplicate">;
      echo: UsageEcho;
      message: string;
      target: string;
      /** Set once the event named a subscription that exists. */
      subscriptionId?: string;
    };

/** ISO 8601 as Microsoft accepts it: a date, or a date-time that is UTC when no offset is given. */
export function parseUtc(value: string): Date | null {
  const v = value.trim();
  let text = v;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) text = `${v}T00:00:00Z`;
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v)) text = `${v}Z`;
  else if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(v)) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const hourOf = (d: Date) => new Date(Math.floor(d.getTime() / HOUR_MS) * HOUR_MS);

function echoOf(raw: Record<string, unknown>, start: Date | null): UsageEcho {
  const echo: UsageEcho = {};
  if (typeof raw.resourceId === "string" && isGuid(raw.resourceId)) echo.resourceId = raw.resourceId.toLowerCase();
  if (typeof raw.resourceUri === "string") echo.resourceUri = raw.resourceUri;
  if (typeof raw.quantity === "number" && Number.isFinite(raw.quantity)) echo.quantity = raw.quantity;
  if (typeof raw.dimension === "string") echo.dimension = raw.dimension;
  if (start) echo.effectiveStartTime = start.toISOString();
  if (typeof raw.planId === "string") echo.planId = raw.planId;
  return echo;
}

type Rejected = Extract<UsageOutcome, { message: string }>;
type Checked = { echo: Required<Pick<UsageEcho, "resourceId" | "quantity" | "dimension" | "planId">> & UsageEcho; start: Date };

/** The rules that need no database: the event's shape, its quantity and Microsoft's 24-hour window. */
function checkShape(input: unknown, now: Date): Rejected | Checked {
  const raw = input !== null && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const start = typeof raw.effectiveStartTime === "string" ? parseUtc(raw.effectiveStartTime) : null;
  const echo = echoOf(raw, start);
  const bad = (status: Rejected["status"], message: string, target: string): Rejected => ({ status, echo, message, target });

  if (raw.resourceId !== undefined && raw.resourceUri !== undefined)
    return bad("BadArgument", "Send resourceId or resourceUri, not both.", "resourceId");
  if (raw.resourceUri !== undefined)
    return bad("ResourceNotFound", "resourceUri names managed applications; SaaS usage uses resourceId.", "resourceUri");
  if (!echo.resourceId) return bad("BadArgument", "resourceId must be the SaaS subscription ID (a GUID).", "resourceId");
  if (echo.quantity === undefined) return bad("BadArgument", "quantity must be a number.", "quantity");
  if (echo.quantity <= 0) return bad("InvalidQuantity", "quantity must be greater than 0.", "quantity");
  if (!echo.dimension) return bad("BadArgument", "dimension is required.", "dimension");
  if (!echo.planId) return bad("BadArgument", "planId is required.", "planId");
  if (!start) return bad("BadArgument", "effectiveStartTime must be an ISO 8601 UTC date-time.", "effectiveStartTime");
  if (start.getTime() < now.getTime() - WINDOW_MS)
    return bad("Expired", "effectiveStartTime is more than 24 hours in the past.", "effectiveStartTime");
  if (start.getTime() > now.getTime() + FUTURE_SKEW_MS)
    return bad("BadArgument", "effectiveStartTime is in the future.", "effectiveStartTime");
  return { echo: { ...echo, resourceId: echo.resourceId, quantity: echo.quantity, dimension: echo.dimension, planId: echo.planId }, start };
}

/** The rules that need the subscription and its plan; null when the event may be stored. */
/** What the rules read of a subscription and of its plan. */
type SubscriptionFacts = Pick<SimSubscription, "id" | "offerId" | "planId" | "status" | "unsubscribedAt">;
type PlanFacts = Pick<SimPlan, "offerId" | "planId" | "meteringDimensions">;

function checkSubscription(c: Checked, sub: SubscriptionFacts | undefined, plan: PlanFacts | undefined): Rejected | null {
  const { echo } = c;
  if (!sub) return { status: "ResourceNotFound", echo, message: `Resource ${echo.resourceId} was not found.`, target: "resourceId" };
  const found = (status: Rejected["status"], message: string, target: string): Rejected => ({
    status,
    echo,
    message,
    target,
    subscriptionId: sub.id,
  });
  const hour = hourOf(c.start);
  // After a cancellation, usage for the hours before it may still be reported.
  const beforeCancel =
    sub.status === "Unsubscribed" && sub.unsubscribedAt !== null && hour.getTime() < hourOf(sub.unsubscribedAt).getTime();
  if (sub.status !== "Subscribed" && !beforeCancel) return found("ResourceNotActive", `The subscription is ${sub.status}.`, "resourceId");
  if (echo.planId !== sub.planId) return found("BadArgument", `planId ${echo.planId} is not the subscription's current plan.`, "planId");
  if (!plan?.meteringDimensions.some((d) => d.id === echo.dimension)) {
    return found("InvalidDimension", `Dimension ${echo.dimension} is not defined on plan ${sub.planId}.`, "dimension");
  }
  return null;
}

const keyOf = (resourceId: string, dimension: string, hour: Date) => `${resourceId}|${dimension}|${hour.getTime()}`;

type NewEvent = typeof simUsageEvents.$inferInsert & { usageEventId: string; usageHour: Date; effectiveStartTime: Date; messageTime: Date };

const eventOf = (r: Record<string, unknown>): SimUsageEvent => ({
  usageEventId: String(r.usage_event_id),
  resourceId: String(r.resource_id),
  dimension: String(r.dimension),
  planId: String(r.plan_id),
  quantity: Number(r.quantity),
  effectiveStartTime: new Date(r.effective_start_time as string | Date),
  usageHour: new Date(r.usage_hour as string | Date),
  messageTime: new Date(r.message_time as string | Date),
});

/**
 * Stores the events (the first per resource, dimension and hour wins), returns those it stored and
 * the already stored events of the others, and counts the call: one statement, its parameters three
 * JSON texts. An event another transaction stored meanwhile is not in the statement's snapshot; it
 * is read again afterwards.
 */
async function storeEvents(
  db: DbOrTx,
  rows: NewEvent[],
  calls: { operation: string; subscriptionIds: string[]; now: Date } | null,
): Promise<{ inserted: Map<string, SimUsageEvent>; existing: Map<string, SimUsageEvent> }> {
  const inserted = new Map<string, SimUsageEvent>();
  const existing = new Map<string, SimUsageEvent>();
  if (rows.length === 0 && !calls?.subscriptionIds.length) return { inserted, existing };
  const values = JSON.stringify(
    rows.map((r) => ({
      id: r.usageEventId,
      r: r.resourceId,
      d: r.dimension,
      p: r.planId,
      q: r.quantity,
      s: r.effectiveStartTime.toISOString(),
      h: r.usageHour.toISOString(),
      m: r.messageTime.toISOString(),
    })),
  );
  const result = await db.execute(sql`
    with v as (
      select * from jsonb_to_recordset(${values}::jsonb) as v(id uuid, r uuid, d text, p text, q float8, s timestamptz, h timestamptz, m timestamptz)
    ), ins as (
      insert into ${simUsageEvents} (usage_event_id, resource_id, dimension, plan_id, quantity, effective_start_time, usage_hour, message_time)
      select id, r, d, p, q, s, h, m from v
      on conflict do nothing
      returning *
    ), calls as (
      insert into ${simApiCalls} as a (subscription_id, operation, count, last_called_at)
      select c.id::uuid, ${calls?.operation ?? ""}, 1, ${(calls?.now ?? new Date()).toISOString()}::timestamptz
      from jsonb_array_elements_text(${JSON.stringify(calls?.subscriptionIds ?? [])}::jsonb) as c(id)
      on conflict (subscription_id, operation) do update set count = a.count + 1, last_called_at = excluded.last_called_at
    )
    select true as stored, ins.* from ins
    union all
    select false as stored, e.* from ${simUsageEvents} e join v on e.resource_id = v.r and e.dimension = v.d and e.usage_hour = v.h
    where not exists (select 1 from ins where ins.resource_id = v.r and ins.dimension = v.d and ins.usage_hour = v.h)`);
  for (const r of (result as unknown as { rows: Record<string, unknown>[] }).rows) {
    const e = eventOf(r);
    (r.stored ? inserted : existing).set(keyOf(e.resourceId, e.dimension, e.usageHour), e);
  }
  const missing = rows.filter((r) => {
    const k = keyOf(r.resourceId, r.dimension, r.usageHour);
    return !inserted.has(k) && !existing.has(k);
  });
  if (missing.length > 0) {
    const found = await db
      .select()
      .from(simUsageEvents)
      .where(
        or(
          ...missing.map((r) =>
            and(
              eq(simUsageEvents.resourceId, r.resourceId),
              eq(simUsageEvents.dimension, r.dimension),
              eq(simUsageEvents.usageHour, r.usageHour),
            ),
          ),
        ),
      );
    for (const e of found) existing.set(keyOf(e.resourceId, e.dimension, e.usageHour), e);
  }
  return { inserted, existing };
}

/** Microsoft's metering rules for one event (Metered Billing API); stores it when accepted. */
export async function submitUsage(db: DbOrTx, input: unknown, now: Date): Promise<UsageOutcome> {
  const [outcome] = await submitUsageBatch(db, [input], now);
  return outcome!;
}

/**
 * Microsoft's metering rules for a batch, one outcome per event in order, in two statements
 * whatever its size: the subscriptions with their plans, then one that stores the accepted events,
 * reads the duplicates' accepted events and (with `countCallAs`) counts the call once per
 * subscription named. The outcomes are those of submitting the events one after the other: a later
 * event for an hour an earlier one of the batch was accepted for is a duplicate of it.
 */
export async function submitUsageBatch(
  db: DbOrTx,
  inputs: unknown[],
  now: Date,
  opts: { countCallAs?: string } = {},
): Promise<UsageOutcome[]> {
  const checked = inputs.map((input) => checkShape(input, now));
  const valid = checked.filter((c): c is Checked => "start" in c);
  const ids = [...new Set(valid.map((c) => c.echo.resourceId))];
  // Each subscription with its current plan, in one query.
  const found = ids.length
    ? await db
        .select({
          sub: {
            id: simSubscriptions.id,
            offerId: simSubscriptions.offerId,
            planId: simSubscriptions.planId,
            status: simSubscriptions.status,
            unsubscribedAt: simSubscriptions.unsubscribedAt,
          },
          plan: { offerId: simPlans.offerId, planId: simPlans.planId, meteringDimensions: simPlans.meteringDimensions },
        })
        .from(simSubscriptions)
        .leftJoin(simPlans, and(eq(simPlans.offerId, simSubscriptions.offerId), eq(simPlans.planId, simSubscriptions.planId)))
        .where(inArray(simSubscriptions.id, ids))
    : [];
  const subs = new Map(found.map((r) => [r.sub.id, r.sub]));
  // A call counts against each subscription it named that exists, whatever became of the events.
  const callers = [...new Set(valid.map((c) => c.echo.resourceId).filter((id) => subs.has(id)))].sort();
  const plans = new Map(found.flatMap((r) => (r.plan ? [[`${r.plan.offerId}|${r.plan.planId}`, r.plan] as const] : [])));

  // What each event becomes: a refusal, or the key of the hour it claims (the first claim is stored).
  const decided: (Rejected | { key: string; echo: UsageEcho; subscriptionId: string })[] = [];
  const rows = new Map<string, NewEvent>();
  for (const c of checked) {
    if (!("start" in c)) {
      decided.push(c);
      continue;
    }
    const sub = subs.get(c.echo.resourceId);
    const refused = checkSubscription(c, sub, sub && plans.get(`${sub.offerId}|${sub.planId}`));
    if (refused || !sub) {
      decided.push(refused!);
      continue;
    }
    const hour = hourOf(c.start);
    const key = keyOf(sub.id, c.echo.dimension, hour);
    decided.push({ key, echo: c.echo, subscriptionId: sub.id });
    if (!rows.has(key)) {
      rows.set(key, {
        usageEventId: randomUUID(),
        resourceId: sub.id,
        dimension: c.echo.dimension,
        planId: sub.planId,
        quantity: c.echo.quantity,
        effectiveStartTime: c.start,
        usageHour: hour,
        messageTime: now,
      });
    }
  }

  const calls = opts.countCallAs ? { operation: opts.countCallAs, subscriptionIds: callers, now } : null;
  const { inserted, existing } = await storeEvents(db, [...rows.values()], calls);
  const claimed = new Set<string>();
  return decided.map((d): UsageOutcome => {
    if (!("key" in d)) return d;
    const mine = inserted.get(d.key);
    if (mine && !claimed.has(d.key)) {
      claimed.add(d.key);
      return { status: "Accepted", event: mine };
    }
    const accepted = mine ?? existing.get(d.key);
    if (!accepted) return { status: "Error", echo: d.echo, message: "The usage event could not be stored.", target: "usageEventRequest" };
    return { status: "Duplicate", echo: d.echo, accepted };
  });
}
