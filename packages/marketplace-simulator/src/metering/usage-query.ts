import { and, eq, gte, lte } from "drizzle-orm";
import { fail, respond, type SimContext } from "../http";
import { simOffers, simPlans, simSubscriptions, simUsageEvents } from "../schema";
import { parseUtc } from "./usage-rules";

const RECON_STATUSES = ["Submitted", "Accepted", "Rejected", "Mismatch"] as const;

/** Query parameters are matched case-insensitively, as ASP.NET binds them (`UsageEndDate`). */
function param(url: URL, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === wanted) return value;
  return null;
}

const dayOf = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/**
 * GET /usageEvents: accepted usage summed per day, resource, dimension and plan. Days before
 * today count as reconciled (Accepted, processed = submitted); today's usage is still Submitted.
 */
export async function getUsageEvents(ctx: SimContext): Promise<Response> {
  const startRaw = param(ctx.url, "usageStartDate");
  if (!startRaw) throw fail.badRequest("usageStartDate is required.", "usageStartDate");
  const start = parseUtc(startRaw);
  if (!start) throw fail.badRequest("usageStartDate must be an ISO 8601 date or date-time.", "usageStartDate");
  const endRaw = param(ctx.url, "UsageEndDate");
  const end = endRaw ? parseUtc(endRaw) : ctx.now;
  if (!end) throw fail.badRequest("UsageEndDate must be an ISO 8601 date or date-time.", "UsageEndDate");
  if (end.getTime() < start.getTime()) throw fail.badRequest("UsageEndDate is before usageStartDate.", "UsageEndDate");
  const recon = param(ctx.url, "reconStatus");
  if (recon && !RECON_STATUSES.some((s) => s === recon))
    throw fail.badRequest(`reconStatus must be one of ${RECON_STATUSES.join(", ")}.`, "reconStatus");
  const filters = {
    offerId: param(ctx.url, "offerId"),
    planId: param(ctx.url, "planId"),
    dimension: param(ctx.url, "dimension"),
    azureSubscriptionId: param(ctx.url, "azureSubscriptionId")?.toLowerCase() ?? null,
  };

  const rows = await ctx.db
    .select({ event: simUsageEvents, sub: simSubscriptions, offerName: simOffers.displayName, planName: simPlans.displayName })
    .from(simUsageEvents)
    .innerJoin(simSubscriptions, eq(simSubscriptions.id, simUsageEvents.resourceId))
    .leftJoin(simOffers, eq(simOffers.id, simSubscriptions.offerId))
    .leftJoin(simPlans, and(eq(simPlans.offerId, simSubscriptions.offerId), eq(simPlans.planId, simUsageEvents.planId)))
    .where(and(gte(simUsageEvents.usageHour, start), lte(simUsageEvents.usageHour, end)));

  const today = dayOf(ctx.now).getTime();
  const groups = new Map<
    string,
    Record<string, unknown> & { submittedQuantity: number; processedQuantity: number; submittedCount: number }
  >();
  for (const { event, sub, offerName, planName } of rows) {
    if (filters.offerId && sub.offerId !== filters.offerId) continue;
    if (filters.planId && event.planId !== filters.planId) continue;
    if (filters.dimension && event.dimension !== filters.dimension) continue;
    if (filters.azureSubscriptionId && sub.azureSubscriptionId !== filters.azureSubscriptionId) continue;
    const day = dayOf(event.usageHour);
    const reconStatus = day.getTime() < today ? "Accepted" : "Submitted";
    if (recon && recon !== reconStatus) continue;
    const key = [day.toISOString(), event.resourceId, event.dimension, event.planId].join("|");
    const group = groups.get(key) ?? {
      usageDate: day.toISOString(),
      usageResourceId: event.resourceId,
      dimension: event.dimension,
      planId: event.planId,
      planName: planName ?? event.planId,
      offerId: sub.offerId,
      offerName: offerName ?? sub.offerId,
      offerType: "SaaS",
      azureSubscriptionId: sub.azureSubscriptionId,
      reconStatus,
      submittedQuantity: 0,
      processedQuantity: 0,
      submittedCount: 0,
    };
    group.submittedQuantity += event.quantity;
    if (reconStatus === "Accepted") group.processedQuantity += event.quantity;
    group.submittedCount += 1;
    groups.set(key, group);
  }
  return respond(ctx, 200, [...groups.values()]);
}
