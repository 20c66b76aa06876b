import "server-only";
/** Offer and plan display names by ID; an ID the catalogue does not know is shown as itself. */
export interface CatalogueNames {
  offer(offerId: string): string;
  plan(offerId: string, planId: string): string;
}

export function catalogueNames(rows: {
  offers: Array<{ id: string; displayName: string }>;
  plans: Array<{ offerId: string; planId: string; displayName: string }>;
}): CatalogueNames {
  const offers = new Map(rows.offers.map((o) => [o.id, o.displayName || o.id]));
  const plans = new Map(rows.plans.map((p) => [`${p.offerId}\u0000${p.planId}`, p.displayName || p.planId]));
  return {
    offer: (offerId) => offers.get(offerId) ?? offerId,
    plan: (offerId, planId) => plans.get(`${offerId}\u0000${planId}`) ?? planId,
  };
}
