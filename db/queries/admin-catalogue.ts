import "server-only";
import { and, asc, desc, eq, max, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import {
  offers,
  onboardingFields,
  planPolicies,
  plans,
  subscriptions,
  type NewOnboardingField,
  type Offer,
  type OnboardingField,
  type Plan,
  type PlanPolicy,
} from "../schema";

export type CataloguePlan = Plan & { changePolicy: PlanPolicy["changePolicy"]; liveSubscriptions: number };
export interface CatalogueOffer {
  offer: Offer;
  plans: CataloguePlan[];
  onboardingFields: number;
  /** Plan IDs seen on subscriptions that Microsoft's plan list has not described yet. */
  unknownPlanIds: string[];
}

/** Every offer with its plans, each plan's change policy and how many live subscriptions it has. */
export async function listCatalogue(db: DbOrTx, offerId?: string): Promise<CatalogueOffer[]> {
  const [offerRows, planRows, counts, fieldCounts] = await Promise.all([
    db
      .select()
      .from(offers)
      .where(offerId ? eq(offers.id, offerId) : undefined)
      .orderBy(asc(offers.displayName), asc(offers.id)),
    db
      .select({ plan: plans, changePolicy: planPolicies.changePolicy })
      .from(plans)
      .leftJoin(planPolicies, and(eq(planPolicies.offerId, plans.offerId), eq(planPolicies.planId, plans.planId)))
      .where(offerId ? eq(plans.offerId, offerId) : undefined)
      .orderBy(asc(plans.offerId), asc(plans.planId)),
    db
      .select({ offerId: subscriptions.offerId, planId: subscriptions.planId, n: sql<number>`count(*)::int` })
      .from(subscriptions)
      .where(and(ne(subscriptions.status, "Unsubscribed"), offerId ? eq(subscriptions.offerId, offerId) : undefined))
      .groupBy(subscriptions.offerId, subscriptions.planId),
    db
      .select({ offerId: onboardingFields.offerId, n: sql<number>`count(*)::int` })
      .from(onboardingFields)
      .where(offerId ? eq(onboardingFields.offerId, offerId) : undefined)
      .groupBy(onboardingFields.offerId),
  ]);
  const live = new Map(counts.map((c) => [`${c.offerId}/${c.planId}`, c.n]));
  return offerRows.map((offer) => {
    const mine = planRows.filter((p) => p.plan.offerId === offer.id);
    const known = new Set(mine.map((p) => p.plan.planId));
    return {
      offer,
      plans: mine.map((p) => ({
        ...p.plan,
        changePolicy: p.changePolicy ?? "accept_all",
        liveSubscriptions: live.get(`${offer.id}/${p.plan.planId}`) ?? 0,
      })),
      onboardingFields: fieldCounts.find((f) => f.offerId === offer.id)?.n ?? 0,
      unknownPlanIds: counts.filter((c) => c.offerId === offer.id && !known.has(c.planId)).map((c) => c.planId),
    };
  });
}

/**
 * One subscription per offer and market to ask listAvailablePlans with (it answers in the
 * subscription's market and currency), plus one whose market is not known yet, each a Subscribed
 * one if possible (Microsoft answers 403 for unsubscribed ones), the newest first.
 */
export async function pickSubscriptionPerOfferAndMarket(
  db: DbOrTx,
): Promise<Array<{ offerId: string; subscriptionId: string; publisherId: string | null; planId: string }>> {
  const market = sql`coalesce(${subscriptions.market}, '')`;
  return db
    .selectDistinctOn([subscriptions.offerId, market], {
      offerId: subscriptions.offerId,
      subscriptionId: subscriptions.id,
      publisherId: subscriptions.publisherId,
      planId: subscriptions.planId,
    })
    .from(subscriptions)
    .where(ne(subscriptions.status, "Unsubscribed"))
    .orderBy(subscriptions.offerId, market, desc(sql`${subscriptions.status} = 'Subscribed'`), desc(subscriptions.createdAt));
}

/**
 * One subscription per offer to ask listAvailablePlans with: a Subscribed one if possible
 * (Microsoft answers 403 for unsubscribed ones), the newest first.
 */
export async function pickSubscriptionPerOffer(
  db: DbOrTx,
): Promise<Array<{ offerId: string; subscriptionId: string; publisherId: string | null }>> {
  return db
    .selectDistinctOn([subscriptions.offerId], {
      offerId: subscriptions.offerId,
      subscriptionId: subscriptions.id,
      publisherId: subscriptions.publisherId,
    })
    .from(subscriptions)
    .where(ne(subscriptions.status, "Unsubscribed"))
    .orderBy(subscriptions.offerId, desc(sql`${subscriptions.status} = 'Subscribed'`), desc(subscriptions.createdAt));
}

export async function getOnboardingField(db: DbOrTx, id: string): Promise<OnboardingField | undefined> {
  const [row] = await db.select().from(onboardingFields).where(eq(onboardingFields.id, id)).limit(1);
  return row;
}

export async function insertOnboardingField(db: DbOrTx, values: Omit<NewOnboardingField, "sortOrder">): Promise<OnboardingField> {
  const [last] = await db
    .select({ n: max(onboardingFields.sortOrder) })
    .from(onboardingFields)
    .where(eq(onboardingFields.offerId, values.offerId));
  const [row] = await db
    .insert(onboardingFields)
    .values({ ...values, sortOrder: (last?.n ?? 0) + 1 })
    .returning();
  if (!row) throw new Error("onboarding field insert returned no row");
  return row;
}

export async function updateOnboardingField(
  db: DbOrTx,
  id: string,
  values: Partial<Omit<NewOnboardingField, "id" | "offerId" | "key" | "createdAt">>,
): Promise<OnboardingField | undefined> {
  const [row] = await db.update(onboardingFields).set(values).where(eq(onboardingFields.id, id)).returning();
  return row;
}

export async function deleteOnboardingField(db: DbOrTx, id: string): Promise<OnboardingField | undefined> {
  const [row] = await db.delete(onboardingFields).where(eq(onboardingFields.id, id)).returning();
  return row;
}

/** Rows of one offer, locked so two reorders of the same offer apply one after the other. */
export async function lockOnboardingFields(db: DbOrTx, offerId: string): Promise<OnboardingField[]> {
  return db
    .select()
    .from(onboardingFields)
    .where(eq(onboardingFields.offerId, offerId))
    .orderBy(asc(onboardingFields.sortOrder), asc(onboardingFields.key))
    .for("update");
}

export async function setOnboardingSortOrder(db: DbOrTx, order: Array<{ id: string; sortOrder: number }>): Promise<void> {
  for (const { id, sortOrder } of order) await db.update(onboardingFields).set({ sortOrder }).where(eq(onboardingFields.id, id));
}

export async function getPlanPolicy(db: DbOrTx, offerId: string, planId: string): Promise<PlanPolicy | undefined> {
  const [row] = await db
    .select()
    .from(planPolicies)
    .where(and(eq(planPolicies.offerId, offerId), eq(planPolicies.planId, planId)))
    .limit(1);
  return row;
}
