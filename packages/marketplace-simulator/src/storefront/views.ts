import type { Db } from "../db";
import { listOffersWithPlans } from "../catalogue";
import { getRuntimeConfig } from "../config";
import { listControlSubscriptions } from "../control/views";
import { listWebhookDeliveries } from "../notify";
import { seedPeople, seedTenants } from "../seed-data";

/** Everything the buy page shows: the catalogue and the seeded buyers to pick from. */
export async function loadStorefront(db: Db) {
  const offers = await listOffersWithPlans(db);
  return {
    offers: offers.map((o) => ({
      id: o.id,
      displayName: o.displayName,
      description: o.description,
      isPricePerSeat: o.isPricePerSeat,
      plans: o.plans
        .filter((p) => !p.isStopSell)
        .map((p) => ({
          planId: p.planId,
          displayName: p.displayName,
          description: p.description,
          isPrivate: p.isPrivate,
          allowedTenantIds: p.allowedTenantIds,
          hasFreeTrials: p.hasFreeTrials,
          minQuantity: p.minQuantity,
          maxQuantity: p.maxQuantity,
          terms: p.recurrentBillingTerms.map((t) => ({
            termUnit: t.termUnit,
            price: t.price,
            currency: t.currency,
            description: t.termDescription,
          })),
          dimensions: p.meteringDimensions.map((d) => ({
            id: d.id,
            displayName: d.displayName,
            pricePerUnit: d.pricePerUnit,
            currency: d.currency,
          })),
        })),
    })),
    tenants: seedTenants,
    people: seedPeople,
  };
}
export type StorefrontData = Awaited<ReturnType<typeof loadStorefront>>;

/** The subscriptions page: every subscription with its calls and operations, and the webhook log. */
export async function loadSubscriptionsPage(db: Db, now: Date) {
  const [subscriptions, deliveries, offers, config] = await Promise.all([
    listControlSubscriptions(db, now),
    listWebhookDeliveries(db, { limit: 50 }),
    listOffersWithPlans(db),
    getRuntimeConfig(db),
  ]);
  return {
    subscriptions: subscriptions.map((s) => {
      const offer = offers.find((o) => o.id === s.offerId);
      const plans = offer?.plans ?? [];
      return {
        ...s,
        offerName: offer?.displayName ?? s.offerId,
        planName: plans.find((p) => p.planId === s.planId)?.displayName ?? s.planId,
        isPricePerSeat: offer?.isPricePerSeat ?? false,
        otherPlans: plans
          .filter((p) => p.planId !== s.planId && !p.isStopSell && (!p.isPrivate || p.allowedTenantIds.includes(s.beneficiary.tenantId)))
          .map((p) => ({ planId: p.planId, displayName: p.displayName })),
      };
    }),
    deliveries,
    rejectWindowMs: config.rejectWindowMs,
  };
}
export type SubscriptionsPageData = Awaited<ReturnType<typeof loadSubscriptionsPage>>;
