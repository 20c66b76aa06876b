import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import {
  offers,
  onboardingFields,
  planPrices,
  plans,
  subscriptions,
  type NewOnboardingField,
  type NewPlan,
  type NewPlanPrice,
  type PlanPrice,
  type Offer,
  type OnboardingField,
  type Plan,
} from "../schema";

export async function getOffer(db: DbOrTx, offerId: string): Promise<Offer | undefined> {
  const [row] = await db.select().from(offers).where(eq(offers.id, offerId)).limit(1);
  return row;
}

export async function getPlan(db: DbOrTx, offerId: string, planId: string): Promise<Plan | undefined> {
  const [row] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.offerId, offerId), eq(plans.planId, planId)))
    .limit(1);
  return row;
}

/** Creates the offer on first sight; never overwrites the names and settings staff gave it. */
export async function ensureOffer(db: DbOrTx, offer: { id: string; publisherId?: string | null; displayName: string }): Promise<void> {
  await db.insert(offers).values(offer).onConflictDoNothing({ target: offers.id });
}

type MarketplacePlanFields = Omit<NewPlan, "activationMode" | "createdAt" | "updatedAt">;

/** Refreshes what Microsoft owns about plans, keeping the portal's own per-plan settings. */
export async function upsertPlans(db: DbOrTx, rows: MarketplacePlanFields[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(plans)
    .values(rows)
    .onConflictDoUpdate({
      target: [plans.offerId, plans.planId],
      set: {
        displayName: sql`excluded.display_name`,
        description: sql`excluded.description`,
        pricingModel: sql`excluded.pricing_model`,
        billingTerms: sql`excluded.billing_terms`,
        isPrivate: sql`excluded.is_private`,
        hasFreeTrial: sql`excluded.has_free_trial`,
        minQuantity: sql`excluded.min_quantity`,
        maxQuantity: sql`excluded.max_quantity`,
        meteringDimensions: sql`excluded.metering_dimensions`,
        updatedAt: sql`now()`,
      },
    });
}

export async function updatePlanSettings(
  db: DbOrTx,
  offerId: string,
  planId: string,
  values: Partial<Pick<NewPlan, "activationMode">>,
): Promise<void> {
  await db
    .update(plans)
    .set(values)
    .where(and(eq(plans.offerId, offerId), eq(plans.planId, planId)));
}

export async function updateOffer(db: DbOrTx, offerId: string, values: Partial<Pick<Offer, "displayName" | "description" | "handoffUrl">>) {
  await db.update(offers).set(values).where(eq(offers.id, offerId));
}

export async function listOnboardingFields(db: DbOrTx, offerId: string): Promise<OnboardingField[]> {
  return db.select().from(onboardingFields).where(eq(onboardingFields.offerId, offerId)).orderBy(asc(onboardingFields.sortOrder));
}

export async function insertOnboardingFields(db: DbOrTx, rows: NewOnboardingField[]): Promise<void> {
  if (rows.length > 0) await db.insert(onboardingFields).values(rows);
}

/** Stores a plan's prices in a market, replacing the previous ones. */
export async function upsertPlanPrices(db: DbOrTx, rows: Omit<NewPlanPrice, "refreshedAt">[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(planPrices)
    .values(rows)
    .onConflictDoUpdate({
      target: [planPrices.offerId, planPrices.planId, planPrices.market],
      set: {
        billingTerms: sql`excluded.billing_terms`,
        meteringDimensions: sql`excluded.metering_dimensions`,
        refreshedAt: sql`now()`,
      },
    });
}

export async function getPlanPrice(db: DbOrTx, offerId: string, planId: string, market: string): Promise<PlanPrice | undefined> {
  const [row] = await db
    .select()
    .from(planPrices)
    .where(and(eq(planPrices.offerId, offerId), eq(planPrices.planId, planId), eq(planPrices.market, market)))
    .limit(1);
  return row;
}

/** Records the market Microsoft reports for a subscription's plan (which prices apply to it). */
export async function setSubscriptionMarket(db: DbOrTx, subscriptionId: string, market: string): Promise<void> {
  await db.update(subscriptions).set({ market }).where(eq(subscriptions.id, subscriptionId));
}

/** Display names of the offers' plans and of the offers themselves, for pages that show names instead of IDs. */
export async function listCatalogueNames(
  db: DbOrTx,
  offerIds: string[],
): Promise<{ offers: Array<{ id: string; displayName: string }>; plans: Array<{ offerId: string; planId: string; displayName: string }> }> {
  const ids = [...new Set(offerIds)];
  if (ids.length === 0) return { offers: [], plans: [] };
  const [offerRows, planRows] = await Promise.all([
    db.select({ id: offers.id, displayName: offers.displayName }).from(offers).where(inArray(offers.id, ids)),
    db
      .select({ offerId: plans.offerId, planId: plans.planId, displayName: plans.displayName })
      .from(plans)
      .where(inArray(plans.offerId, ids)),
  ]);
  return { offers: offerRows, plans: planRows };
}
