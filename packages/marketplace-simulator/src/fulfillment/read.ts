import { asc, gt } from "drizzle-orm";
import { availablePlansFor } from "../catalogue";
import { API_VERSION, fail, respond, type SimContext } from "../http";
import { simSubscriptions } from "../schema";
import { planJson, subscriptionJson } from "../serialize";
import { getSubscription, recordApiCall } from "../store";

export const PAGE_SIZE = 100;

const encodeCursor = (seq: number) => Buffer.from(JSON.stringify({ after: seq })).toString("base64url");

function decodeCursor(token: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    const after = (parsed as { after?: unknown }).after;
    if (typeof after === "number" && Number.isInteger(after) && after >= 0) return after;
  } catch {
    // answered with the 400 below
  }
  throw fail.badRequest("The continuation token is invalid.", "continuationToken");
}

/** `@nextLink` is a complete URL; with no subscriptions at all the body is empty, as the real service sends it. */
export async function listSubscriptions(ctx: SimContext): Promise<Response> {
  const token = ctx.url.searchParams.get("continuationToken");
  const after = token ? decodeCursor(token) : 0;
  const rows = await ctx.db
    .select()
    .from(simSubscriptions)
    .where(gt(simSubscriptions.seq, after))
    .orderBy(asc(simSubscriptions.seq))
    .limit(PAGE_SIZE + 1);
  if (rows.length === 0 && !token) return respond(ctx, 200);
  const page = rows.slice(0, PAGE_SIZE);
  const body: Record<string, unknown> = { subscriptions: page.map(subscriptionJson) };
  const last = page[page.length - 1];
  if (rows.length > PAGE_SIZE && last) {
    const next = new URL(`${ctx.baseUrl}/saas/subscriptions`);
    next.searchParams.set("continuationToken", encodeCursor(last.seq));
    next.searchParams.set("api-version", API_VERSION);
    body["@nextLink"] = next.toString();
  }
  return respond(ctx, 200, body);
}

export async function getSubscriptionById(ctx: SimContext, subscriptionId: string): Promise<Response> {
  const sub = await getSubscription(ctx.db, subscriptionId);
  if (!sub) throw fail.notFound(`Subscription ${subscriptionId} was not found.`);
  await recordApiCall(ctx.db, sub.id, "get", ctx.now);
  return respond(ctx, 200, subscriptionJson(sub));
}

/** Filtered to the current plan, a private-offer purchase also names its private offer in `sourceOffers`. */
export async function listAvailablePlans(ctx: SimContext, subscriptionId: string): Promise<Response> {
  const sub = await getSubscription(ctx.db, subscriptionId);
  if (!sub) throw fail.notFound(`Subscription ${subscriptionId} was not found.`);
  await recordApiCall(ctx.db, sub.id, "listAvailablePlans", ctx.now);
  if (sub.status === "Unsubscribed") throw fail.forbidden("The subscription is unsubscribed.");
  const filter = ctx.url.searchParams.get("planId");
  const plans = (await availablePlansFor(ctx.db, sub)).filter((p) => filter === null || p.planId === filter);
  return respond(ctx, 200, {
    plans: plans.map((p) => planJson(p, { market: sub.market, withSourceOffers: filter !== null && p.planId === sub.planId })),
  });
}
