import { z } from "zod";
import { refuseChange } from "../changes";
import { getRuntimeConfig } from "../config";
import { API_VERSION, fail, readJson, respond, type SimContext } from "../http";
import { createOperation, listPendingOperations } from "../operations";
import type { SimOperation } from "../schema";
import { getSubscription, lockSubscription, recordApiCall } from "../store";

const patchBody = z.looseObject({
  planId: z.string().min(1).max(50).optional(),
  quantity: z.number().int().optional(),
});

function accepted(ctx: SimContext, op: SimOperation): Response {
  const location = `${ctx.baseUrl}/saas/subscriptions/${op.subscriptionId}/operations/${op.id}?api-version=${API_VERSION}`;
  return respond(ctx, 202, undefined, { "operation-location": location });
}

/** Partner operations report NotStarted for the first half of the configured delay, then InProgress. */
async function partnerTiming(ctx: SimContext) {
  const { operationDelayMs } = await getRuntimeConfig(ctx.db);
  const t = ctx.now.getTime();
  return { startsAt: new Date(t + Math.floor(operationDelayMs / 2)), completesAt: new Date(t + operationDelayMs) };
}

/**
 * PATCH /saas/subscriptions/{id}: one field per request. The subscription changes only when the
 * operation succeeds; the publisher polls Operation-Location until then.
 */
export async function patchSubscription(ctx: SimContext, subscriptionId: string): Promise<Response> {
  const existing = await getSubscription(ctx.db, subscriptionId);
  if (existing) await recordApiCall(ctx.db, existing.id, "patch", ctx.now);
  const parsed = patchBody.safeParse(await readJson(ctx.request));
  if (!parsed.success) throw fail.badRequest(`Invalid body: ${parsed.error.issues[0]?.message ?? "bad value"}.`, "body");
  const { planId, quantity } = parsed.data;
  if (planId !== undefined && quantity !== undefined)
    throw fail.badRequest("Change either the plan or the quantity, not both at once.", "body");
  if (planId === undefined && quantity === undefined) throw fail.badRequest("The body must carry planId or quantity.", "body");
  const change = planId !== undefined ? { planId } : { quantity: quantity! };
  const timing = await partnerTiming(ctx);

  const op = await ctx.db.transaction(async (tx) => {
    const sub = await lockSubscription(tx, subscriptionId);
    if (!sub) throw fail.notFound(`Subscription ${subscriptionId} was not found.`);
    if ((await listPendingOperations(tx, sub.id)).length > 0) {
      throw fail.badRequest("The subscription is locked by a pending operation; wait for it to complete.", "subscriptionId");
    }
    const refusal = await refuseChange(tx, sub, change, { checkAllowedOperations: true });
    if (refusal) throw fail.badRequest(refusal, "planId" in change ? "planId" : "quantity");
    return createOperation(tx, {
      sub,
      action: "planId" in change ? "ChangePlan" : "ChangeQuantity",
      source: "Partner",
      planId: "planId" in change ? change.planId : sub.planId,
      quantity: "quantity" in change ? change.quantity : sub.quantity,
      status: "NotStarted",
      now: ctx.now,
      ...timing,
    });
  });
  return accepted(ctx, op);
}

/** DELETE /saas/subscriptions/{id}: cancels once the operation succeeds; CSP purchases refuse it. */
export async function deleteSubscription(ctx: SimContext, subscriptionId: string): Promise<Response> {
  const existing = await getSubscription(ctx.db, subscriptionId);
  if (existing) await recordApiCall(ctx.db, existing.id, "delete", ctx.now);
  const timing = await partnerTiming(ctx);
  const op = await ctx.db.transaction(async (tx) => {
    const sub = await lockSubscription(tx, subscriptionId);
    if (!sub || sub.status === "Unsubscribed") throw fail.notFound(`Subscription ${subscriptionId} was not found.`);
    if (!sub.allowedCustomerOperations.includes("Delete")) {
      throw fail.badRequest("Delete is not in allowedCustomerOperations for this subscription.", "subscriptionId");
    }
    if ((await listPendingOperations(tx, sub.id)).length > 0) {
      throw fail.conflict("The subscription is locked by a pending operation.", "subscriptionId");
    }
    return createOperation(tx, { sub, action: "Unsubscribe", source: "Partner", status: "NotStarted", now: ctx.now, ...timing });
  });
  return accepted(ctx, op);
}
