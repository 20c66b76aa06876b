import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "./db";
import { simOffers, simPlans, type SimOffer, type SimPlan, type SimSubscription } from "./schema";

export type OfferWithPlans = SimOffer & { plans: SimPlan[] };

export async function listOffersWithPlans(db: DbOrTx): Promise<OfferWithPlans[]> {
  const offers = await db.select().from(simOffers).orderBy(asc(simOffers.position), asc(simOffers.id));
  const plans = await db.select().from(simPlans).orderBy(asc(simPlans.position), asc(simPlans.planId));
  return offers.map((o) => ({ ...o, plans: plans.filter((p) => p.offerId === o.id) }));
}

export async function getPlan(db: DbOrTx, offerId: string, planId: string): Promise<SimPlan | undefined> {
  const [plan] = await db
    .select()
    .from(simPlans)
    .where(and(eq(simPlans.offerId, offerId), eq(simPlans.planId, planId)));
  return plan;
}

/** Private plans are visible only to the tenants in their audience. */
export function isPlanVisibleTo(plan: SimPlan, tenantId: string): boolean {
  return !plan.isPrivate || plan.allowedTenantIds.some((t) => t.toLowerCase() === tenantId.toLowerCase());
}

/** Whether a buyer in `tenantId` can buy (or move to) this plan. */
export function isPlanPurchasable(plan: SimPlan, tenantId: string): boolean {
  return !plan.isStopSell && isPlanVisibleTo(plan, tenantId);
}

/**
 * What listAvailablePlans returns: the current plan plus every plan of the offer the beneficiary
 * may move to (public, or private with the beneficiary's tenant in its audience).
 */
export async function availablePlansFor(db: DbOrTx, sub: SimSubscription): Promise<SimPlan[]> {
  const plans = await db
    .select()
    .from(simPlans)
    .where(eq(simPlans.offerId, sub.offerId))
    .orderBy(asc(simPlans.position), asc(simPlans.planId));
  return plans.filter((p) => p.planId === sub.planId || isPlanPurchasable(p, sub.beneficiary.tenantId));
}
