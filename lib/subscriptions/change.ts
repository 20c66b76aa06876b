import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { getOperationById, insertOperation } from "@/db/queries/operations";
import { listOpenOperationsForSubscription } from "@/db/queries/partner-operations";
import { getSubscriptionById } from "@/db/queries/subscriptions";
import type { AuditChanges, MarketplaceOperation, Subscription } from "@/db/schema";
import { isMarketplaceApiError, type MarketplaceClient, type StartedOperation } from "@/lib/marketplace";
import type { Actor } from "./activate";

export type ChangeClient = Pick<
  MarketplaceClient,
  "updatePlan" | "updateQuantity" | "deleteSubscription" | "listAvailablePlans" | "listOperations"
>;

export interface ChangeDeps {
  db: Db;
  client: ChangeClient;
}

export type ChangeResult =
  | { ok: true; operation: MarketplaceOperation }
  | {
      ok: false;
      reason: "not-found" | "not-allowed" | "busy" | "invalid" | "rejected" | "unavailable" | "unconfirmed";
      message: string;
      field?: "planId" | "quantity";
      /** Why an `invalid` value was refused, for surfaces that put it into their own words. */
      problem?: ChangeProblem;
      /** The plan's seat range, with `problem: "range"`. */
      range?: { min: number; max: number | null };
    };

export type ChangeProblem = "same-plan" | "plan-unavailable" | "whole-number" | "same-quantity" | "not-per-seat" | "range";

type Refusal = Extract<ChangeResult, { ok: false }>;
const refuse = (
  reason: Refusal["reason"],
  message: string,
  field?: Refusal["field"],
  extra?: Pick<Refusal, "problem" | "range">,
): Refusal => ({
  ok: false,
  reason,
  message,
  field,
  ...extra,
});

/** Microsoft only changes Subscribed subscriptions whose customer operations include Update (CSP purchases don't). */
async function loadChangeable(db: Db, subscriptionId: string, need: "Update" | "Delete"): Promise<Subscription | Refusal> {
  const sub = await getSubscriptionById(db, subscriptionId);
  if (!sub) return refuse("not-found", "This subscription is not known to the portal.");
  if (need === "Update" && sub.status !== "Subscribed")
    return refuse("not-allowed", `Only active subscriptions can be changed; this one is ${sub.status}.`);
  if (need === "Delete" && sub.status === "Unsubscribed") return refuse("not-allowed", "This subscription is already cancelled.");
  if (!sub.allowedCustomerOperations.includes(need)) {
    return refuse(
      "not-allowed",
      `Microsoft does not allow ${need === "Update" ? "changes" : "cancellation"} of this subscription here (e.g. a CSP purchase).`,
    );
  }
  // Microsoft refuses a second change while one is pending (the subscription is locked).
  const open = await listOpenOperationsForSubscription(db, sub.id);
  if (open.length > 0) return refuse("busy", `Another operation (${open[0]!.action}) is still in progress; wait for it to finish.`);
  return sub;
}

/** Changes the plan. Microsoft checks it against listAvailablePlans, so we do the same first, for a clear message. */
export async function changePlan(deps: ChangeDeps, input: { subscriptionId: string; planId: string; actor: Actor }): Promise<ChangeResult> {
  const sub = await loadChangeable(deps.db, input.subscriptionId, "Update");
  if ("ok" in sub) return sub;
  if (input.planId === sub.planId)
    return refuse("invalid", "The subscription is already on this plan.", "planId", { problem: "same-plan" });
  const correlationId = randomUUID();
  try {
    const plans = await deps.client.listAvailablePlans(sub.id, undefined, { correlationId });
    if (!plans.some((p) => p.planId === input.planId))
      return refuse("invalid", "This plan is not available to this customer.", "planId", { problem: "plan-unavailable" });
  } catch (err) {
    return apiRefusal(deps, sub, input.actor, "ChangePlan", err, correlationId);
  }
  return start(deps, sub, input.actor, "ChangePlan", correlationId, () => deps.client.updatePlan(sub.id, input.planId, { correlationId }), {
    requestedPlanId: input.planId,
    changes: { planId: { from: sub.planId, to: input.planId } },
  });
}

/** Changes the seat count of a per-user plan, within the plan's minimum and maximum. */
export async function changeQuantity(
  deps: ChangeDeps,
  input: { subscriptionId: string; quantity: number; actor: Actor },
): Promise<ChangeResult> {
  const sub = await loadChangeable(deps.db, input.subscriptionId, "Update");
  if ("ok" in sub) return sub;
  if (!Number.isInteger(input.quantity) || input.quantity < 1)
    return refuse("invalid", "Enter a whole number of seats.", "quantity", { problem: "whole-number" });
  if (input.quantity === sub.quantity)
    return refuse("invalid", "The subscription already has this many seats.", "quantity", { problem: "same-quantity" });
  const correlationId = randomUUID();
  try {
    const [plan] = await deps.client.listAvailablePlans(sub.id, sub.planId, { correlationId });
    if (!plan?.isPricePerSeat)
      return refuse("invalid", "This plan is not priced per seat; its quantity cannot change.", "quantity", { problem: "not-per-seat" });
    // To go beyond the plan's maximum, the customer must change plan first.
    if (
      (plan.minQuantity !== undefined && input.quantity < plan.minQuantity) ||
      (plan.maxQuantity !== undefined && input.quantity > plan.maxQuantity)
    ) {
      return refuse("invalid", `This plan allows ${plan.minQuantity ?? 1} to ${plan.maxQuantity ?? "any number of"} seats.`, "quantity", {
        problem: "range",
        range: { min: plan.minQuantity ?? 1, max: plan.maxQuantity ?? null },
      });
    }
  } catch (err) {
    return apiRefusal(deps, sub, input.actor, "ChangeQuantity", err, correlationId);
  }
  return start(
    deps,
    sub,
    input.actor,
    "ChangeQuantity",
    correlationId,
    () => deps.client.updateQuantity(sub.id, input.quantity, { correlationId }),
    {
      requestedQuantity: input.quantity,
      changes: { quantity: { from: sub.quantity, to: input.quantity } },
    },
  );
}

/**
 * Cancels at Microsoft (DELETE). Within 72 hours of purchase the customer is not charged; later
 * they are billed and lose access at once, hence the recorded reason.
 */
export async function cancelSubscription(
  deps: ChangeDeps,
  input: { subscriptionId: string; reason: string; actor: Actor },
): Promise<ChangeResult> {
  const sub = await loadChangeable(deps.db, input.subscriptionId, "Delete");
  if ("ok" in sub) return sub;
  const correlationId = randomUUID();
  return start(deps, sub, input.actor, "Unsubscribe", correlationId, () => deps.client.deleteSubscription(sub.id, { correlationId }), {
    changes: { status: { from: sub.status, to: "Unsubscribed" } },
    reason: input.reason,
  });
}

const REQUESTED: Record<string, string> = {
  ChangePlan: "subscription.plan_change_requested",
  ChangeQuantity: "subscription.quantity_change_requested",
  Unsubscribe: "subscription.cancellation_requested",
};

/**
 * Calls Microsoft (202 + Operation-Location) and records the operation as InProgress with its
 * audit event, then returns at once: the change is applied only when the operation tracker sees
 * it Succeeded, never on the 202 (Microsoft may still fail it).
 */
async function start(
  deps: ChangeDeps,
  sub: Subscription,
  actor: Actor,
  action: "ChangePlan" | "ChangeQuantity" | "Unsubscribe",
  correlationId: string,
  call: () => Promise<StartedOperation>,
  detail: { requestedPlanId?: string; requestedQuantity?: number; changes: AuditChanges; reason?: string },
): Promise<ChangeResult> {
  let started: StartedOperation;
  try {
    started = await call();
  } catch (err) {
    if (!outcomeUnknown(err)) return apiRefusal(deps, sub, actor, action, err, correlationId);
    // The reply was lost: Microsoft may have started the change. Its pending operations tell.
    const found = await findStarted(deps, sub, action, detail, correlationId);
    if (!found) return unconfirmed(deps, sub, actor, action, err, correlationId);
    started = found;
  }
  const id = started.operationId.toLowerCase();
  const operation = await deps.db.transaction(async (tx) => {
    const row =
      (await insertOperation(tx, {
        id,
        subscriptionId: sub.id,
        action,
        status: "InProgress",
        source: "Partner",
        requestedPlanId: detail.requestedPlanId ?? null,
        requestedQuantity: detail.requestedQuantity ?? null,
        operationLocation: started.operationLocation ?? null,
        requestedBy: actor.email ?? actor.id,
      })) ?? (await getOperationById(tx, id)); // a notification about it may have been recorded first
    await insertAuditEvent(tx, {
      actorType: actor.type,
      actorId: actor.id,
      actorEmail: actor.email,
      action: REQUESTED[action]!,
      targetType: "subscription",
      targetId: sub.id,
      changes: detail.changes,
      metadata: { operationId: id, ...(detail.reason ? { reason: detail.reason } : {}) },
      correlationId,
    });
    return row!;
  });
  return { ok: true, operation };
}

/** Microsoft's refusal, recorded for the timeline; nothing changed on either side. */
async function apiRefusal(
  deps: ChangeDeps,
  sub: Subscription,
  actor: Actor,
  action: string,
  err: unknown,
  correlationId: string,
): Promise<Refusal> {
  if (!isMarketplaceApiError(err)) throw err;
  const clientError = err.status >= 400 && err.status < 500;
  const message = clientError
    ? `Microsoft refused the request: ${err.message}`
    : `Microsoft did not answer (${err.status || err.code}); nothing was changed. Try again in a minute.`;
  await insertAuditEvent(deps.db, {
    actorType: actor.type,
    actorId: actor.id,
    actorEmail: actor.email,
    action: "subscription.change_refused",
    targetType: "subscription",
    targetId: sub.id,
    metadata: { action, status: err.status, code: err.code, error: err.message },
    requestId: err.requestId,
    correlationId,
  });
  if (err.status === 404) return refuse("not-found", "Microsoft does not know this subscription any more.");
  return refuse(clientError ? "rejected" : "unavailable", message);
}

/** A reply lost or a 5xx: the PATCH or DELETE may have been processed. */
const outcomeUnknown = (err: unknown) => isMarketplaceApiError(err) && (err.status === 0 || err.status === 408 || err.status >= 500);

/** Microsoft's pending operation for this change, if the request reached it (https://learn.microsoft.com/en-us/partner-center/marketplace-offers/pc-saas-fulfillment-operations-api#list-outstanding-operations). */
async function findStarted(
  deps: ChangeDeps,
  sub: Subscription,
  action: string,
  detail: { requestedPlanId?: string; requestedQuantity?: number },
  correlationId: string,
): Promise<StartedOperation | null> {
  const operations = await deps.client.listOperations(sub.id, { correlationId }).catch(() => []);
  const match = operations.find(
    (op) =>
      op.action === action &&
      (detail.requestedPlanId === undefined || op.planId === detail.requestedPlanId) &&
      (detail.requestedQuantity === undefined || op.quantity === detail.requestedQuantity),
  );
  return match ? { operationId: match.id, operationLocation: undefined } : null;
}

/**
 * Neither a reply nor a pending operation: the change may have been made and completed already, so
 * the operator is never told that nothing changed. Microsoft's notification (source Partner) settles it.
 */
async function unconfirmed(deps: ChangeDeps, sub: Subscription, actor: Actor, action: string, err: unknown, correlationId: string) {
  const e = isMarketplaceApiError(err) ? err : null;
  await insertAuditEvent(deps.db, {
    actorType: actor.type,
    actorId: actor.id,
    actorEmail: actor.email,
    action: "subscription.change_unconfirmed",
    targetType: "subscription",
    targetId: sub.id,
    metadata: { action, status: e?.status ?? null, code: e?.code ?? null, error: e?.message ?? String(err) },
    requestId: e?.requestId,
    correlationId,
  });
  return refuse(
    "unconfirmed",
    "Microsoft did not confirm the change; checking. If Microsoft made it, it shows here within a few minutes: do not repeat it before then.",
  );
}
