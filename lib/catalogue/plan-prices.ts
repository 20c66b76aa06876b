import "server-only";
import type { DbOrTx } from "@/db/client";
import { ensureOffer, setSubscriptionMarket, upsertPlanPrices, upsertPlans } from "@/db/queries/catalogue";
import type { MarketplaceClient } from "@/lib/marketplace";
import { planValues } from "@/lib/subscriptions/from-marketplace";

export type PlansClient = Pick<MarketplaceClient, "listAvailablePlans">;

export interface PlansSubject {
  subscriptionId: string;
  offerId: string;
  planId: string;
  publisherId: string | null;
  /** The offer's name until staff give it one. */
  offerName?: string;
}

/**
 * Asks Microsoft for the plans one subscription may have and stores them with their prices in
 * that subscription's market (listAvailablePlans answers in the purchase's market and currency),
 * and which market the subscription is in. Returns the plan IDs and the market.
 * https://learn.microsoft.com/en-us/partner-center/marketplace-offers/pc-saas-fulfillment-subscription-api#list-available-plans
 */
export async function loadPlansFor(
  db: DbOrTx,
  client: PlansClient,
  subject: PlansSubject,
): Promise<{ plans: string[]; market: string | null }> {
  const found = await client.listAvailablePlans(subject.subscriptionId);
  const rows = found.map((p) => ({ ...planValues(subject.offerId, p), market: p.market ?? null }));
  const market = rows.find((r) => r.planId === subject.planId)?.market ?? rows.find((r) => r.market)?.market ?? null;
  await ensureOffer(db, { id: subject.offerId, publisherId: subject.publisherId, displayName: subject.offerName ?? subject.offerId });
  await upsertPlans(
    db,
    rows.map(({ market: _market, ...plan }) => plan),
  );
  await upsertPlanPrices(
    db,
    rows.flatMap((r) =>
      r.market
        ? [
            {
              offerId: r.offerId,
              planId: r.planId,
              market: r.market,
              billingTerms: r.billingTerms,
              meteringDimensions: r.meteringDimensions,
            },
          ]
        : [],
    ),
  );
  if (market) await setSubscriptionMarket(db, subject.subscriptionId, market);
  return { plans: rows.map((r) => r.planId), market };
}
