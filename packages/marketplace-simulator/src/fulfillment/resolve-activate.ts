import { z } from "zod";
import { getPlan } from "../catalogue";
import { fail, readJson, respond, type SimContext } from "../http";
import { subscriptionJson } from "../serialize";
import { findSubscriptionByToken, getSubscription, lockSubscription, recordApiCall, updateSubscription } from "../store";
import { termFrom } from "../terms";

const TOKEN_HEADER = "x-ms-marketplace-token";

/** POST /saas/subscriptions/resolve: works for subscriptions in every status (Manage account too). */
export async function resolveSubscription(ctx: SimContext): Promise<Response> {
  const token = ctx.request.headers.get(TOKEN_HEADER)?.trim();
  if (!token) throw fail.badRequest("The x-ms-marketplace-token header is required.", TOKEN_HEADER);
  if (!/^[A-Za-z0-9+/=_-]+$/.test(token)) {
    throw fail.badRequest("The marketplace token is malformed. Pass the landing page's token URL-decoded exactly once.", TOKEN_HEADER);
  }
  const found = await findSubscriptionByToken(ctx.db, token, ctx.now);
  if (found.kind === "unknown") throw fail.badRequest("The marketplace token is invalid.", TOKEN_HEADER);
  if (found.kind === "expired") throw fail.badRequest("The marketplace token has expired.", TOKEN_HEADER);
  const sub = found.subscription;
  await recordApiCall(ctx.db, sub.id, "resolve", ctx.now);
  return respond(ctx, 200, {
    id: sub.id,
    subscriptionName: sub.name,
    offerId: sub.offerId,
    planId: sub.planId,
    ...(sub.quantity === null ? {} : { quantity: sub.quantity }),
    subscription: subscriptionJson(sub),
  });
}

const activateBody = z.looseObject({
  planId: z.string().min(1).optional(),
  quantity: z.number().int().positive().optional(),
});

/**
 * POST /saas/subscriptions/{id}/activate. Starts billing; the term begins today at 00:00Z.
 * Activating an already Subscribed subscription is a harmless repeat (safe after a network error).
 */
export async function activateSubscription(ctx: SimContext, subscriptionId: string): Promise<Response> {
  const existing = await getSubscription(ctx.db, subscriptionId);
  if (existing) await recordApiCall(ctx.db, existing.id, "activate", ctx.now);
  const raw = await readJson(ctx.request);
  if (raw === undefined) throw fail.badRequest('The request body is required: {"planId": "..."}.', "body");
  const body = activateBody.safeParse(raw);
  if (!body.success) throw fail.badRequest(`Invalid activation body: ${body.error.issues[0]?.message ?? "bad value"}.`, "body");
  const result = await ctx.db.transaction(async (tx) => {
    const sub = await lockSubscription(tx, subscriptionId);
    if (!sub || sub.status === "Unsubscribed") return "notFound" as const;
    if (sub.status !== "PendingFulfillmentStart") return sub.status;
    const plan = await getPlan(tx, sub.offerId, sub.planId);
    const { startDate, endDate } = termFrom(ctx.now, sub.termUnit);
    await updateSubscription(
      tx,
      sub.id,
      { status: "Subscribed", termStartDate: startDate, termEndDate: endDate, isFreeTrial: plan?.hasFreeTrials ?? false },
      ctx.now,
    );
    return "activated" as const;
  });
  if (result === "notFound") throw fail.notFound(`Subscription ${subscriptionId} was not found.`);
  if (result === "Suspended") throw fail.badRequest("A suspended subscription cannot be activated.", "saasSubscriptionStatus");
  return respond(ctx, 200);
}
