import { and, eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { DbOrTx } from "../db";
import { getPlan } from "../catalogue";
import { isGuid } from "../http";
import { simUsageEvents, type SimUsageEvent } from "../schema";
import { getSubscription } from "../store";

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

/** Microsoft's metering rules for one event (Metered Billing API); stores it when accepted. */
export async function submitUsage(db: DbOrTx, input: unknown, now: Date): Promise<UsageOutcome> {
  const raw = input !== null && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const start = typeof raw.effectiveStartTime === "string" ? parseUtc(raw.effectiveStartTime) : null;
  const echo = echoOf(raw, start);
  const bad = (status: Exclude<UsageStatus, "Accepted" | "Duplicate">, message: string, target: string): UsageOutcome => ({
    status,
    echo,
    message,
    target,
  });

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

  const sub = await getSubscription(db, echo.resourceId);
  if (!sub) return bad("ResourceNotFound", `Resource ${echo.resourceId} was not found.`, "resourceId");
  const found = (status: Exclude<UsageStatus, "Accepted" | "Duplicate">, message: string, target: string): UsageOutcome => ({
    status,
    echo,
    message,
    target,
    subscriptionId: sub.id,
  });
  const hour = hourOf(start);
  // After a cancellation, usage for the hours before it may still be reported.
  const beforeCancel =
    sub.status === "Unsubscribed" && sub.unsubscribedAt !== null && hour.getTime() < hourOf(sub.unsubscribedAt).getTime();
  if (sub.status !== "Subscribed" && !beforeCancel) return found("ResourceNotActive", `The subscription is ${sub.status}.`, "resourceId");
  if (echo.planId !== sub.planId) return found("BadArgument", `planId ${echo.planId} is not the subscription's current plan.`, "planId");
  const plan = await getPlan(db, sub.offerId, sub.planId);
  if (!plan?.meteringDimensions.some((d) => d.id === echo.dimension)) {
    return found("InvalidDimension", `Dimension ${echo.dimension} is not defined on plan ${sub.planId}.`, "dimension");
  }

  const [event] = await db
    .insert(simUsageEvents)
    .values({
      usageEventId: randomUUID(),
      resourceId: sub.id,
      dimension: echo.dimension,
      planId: sub.planId,
      quantity: echo.quantity,
      effectiveStartTime: start,
      usageHour: hour,
      messageTime: now,
    })
    .onConflictDoNothing()
    .returning();
  if (event) return { status: "Accepted", event };
  const [accepted] = await db
    .select()
    .from(simUsageEvents)
    .where(and(eq(simUsageEvents.resourceId, sub.id), eq(simUsageEvents.dimension, echo.dimension), eq(simUsageEvents.usageHour, hour)));
  if (!accepted) return bad("Error", "The usage event could not be stored.", "usageEventRequest");
  return { status: "Duplicate", echo, accepted };
}
