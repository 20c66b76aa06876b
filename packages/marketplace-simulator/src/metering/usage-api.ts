import { readJson, respond, SimHttpError, type SimContext } from "../http";
import type { SimUsageEvent } from "../schema";
import { recordApiCall } from "../store";
import { submitUsage, submitUsageBatch, type UsageOutcome } from "./usage-rules";

/** Batches carry 1 to 25 events. */
export const MAX_BATCH = 25;

function acceptedBody(e: SimUsageEvent, status: "Accepted" | "Duplicate" = "Accepted") {
  return {
    usageEventId: e.usageEventId,
    status,
    messageTime: e.messageTime.toISOString(),
    resourceId: e.resourceId,
    quantity: e.quantity,
    dimension: e.dimension,
    effectiveStartTime: e.effectiveStartTime.toISOString(),
    planId: e.planId,
  };
}

const DUPLICATE_MESSAGE = "This usage event already exist.";

function badArgument(details: Array<{ code: string; message: string; target: string }>) {
  return new SimHttpError(400, { code: "BadArgument", message: "One or more errors have occurred.", target: "usageEventRequest", details });
}

/** The subscription an event was counted against, when it named one that exists. */
function resourceOf(outcome: UsageOutcome): string | undefined {
  if (outcome.status === "Accepted") return outcome.event.resourceId;
  if (outcome.status === "Duplicate") return outcome.accepted.resourceId;
  return outcome.subscriptionId;
}

/** POST /usageEvent: 200 accepted, 409 duplicate (with the accepted event), 400 otherwise. */
export async function postUsageEvent(ctx: SimContext): Promise<Response> {
  const outcome = await submitUsage(ctx.db, await readJson(ctx.request, "usageEventRequest"), ctx.now);
  const resource = resourceOf(outcome);
  if (resource) await recordApiCall(ctx.db, resource, "usageEvent", ctx.now);
  if (outcome.status === "Accepted") return respond(ctx, 200, acceptedBody(outcome.event));
  if (outcome.status === "Duplicate") {
    return respond(ctx, 409, {
      additionalInfo: { acceptedMessage: acceptedBody(outcome.accepted, "Duplicate") },
      message: DUPLICATE_MESSAGE,
      code: "Conflict",
    });
  }
  throw badArgument([{ code: outcome.status, message: outcome.message, target: outcome.target }]);
}

function batchItem(outcome: UsageOutcome, now: Date) {
  if (outcome.status === "Accepted") return acceptedBody(outcome.event);
  const base = { ...outcome.echo, status: outcome.status, messageTime: now.toISOString() };
  if (outcome.status === "Duplicate") {
    return {
      ...base,
      error: {
        additionalInfo: { acceptedMessage: acceptedBody(outcome.accepted, "Duplicate") },
        message: DUPLICATE_MESSAGE,
        code: "Conflict",
      },
    };
  }
  return { ...base, error: { message: outcome.message, code: outcome.status } };
}

/** POST /batchUsageEvent: 200 with one result per event, even when some of them fail. */
export async function postBatchUsageEvents(ctx: SimContext): Promise<Response> {
  const body = await readJson(ctx.request, "usageEventRequest");
  const request = body !== null && typeof body === "object" ? (body as { request?: unknown }).request : undefined;
  if (!Array.isArray(request))
    throw badArgument([{ code: "BadArgument", message: 'The body must be {"request": [ ...usage events ]}.', target: "request" }]);
  if (request.length < 1 || request.length > MAX_BATCH) {
    throw badArgument([
      { code: "BadArgument", message: `A batch carries 1 to ${MAX_BATCH} usage events (got ${request.length}).`, target: "request" },
    ]);
  }
  // Set-based: the outcomes are those of submitting the events one after the other.
  const outcomes = await submitUsageBatch(ctx.db, request, ctx.now, { countCallAs: "batchUsageEvent" });
  const result = outcomes.map((o) => batchItem(o, ctx.now));
  return respond(ctx, 200, { count: result.length, result });
}
