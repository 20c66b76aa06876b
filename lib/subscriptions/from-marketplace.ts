import type { NewPlan, NewSubscription } from "@/db/schema";
import type { MarketplacePlan, MarketplaceSubscription } from "@/lib/marketplace";

const TERM_UNITS = new Set(["P1M", "P1Y", "P2Y", "P3Y", "P4Y", "P5Y"]);
type SubscriptionStatus = NewSubscription["status"];
const STATUSES = new Set<string>(["NotStarted", "PendingFulfillmentStart", "Subscribed", "Suspended", "Unsubscribed"]);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const guidOrNull = (v?: string) => (v && GUID.test(v) ? v : null);
const dateOrNull = (v?: string) => {
  if (!v) return null;
  const d = new Date(v);
  // Microsoft fills unset dates with 0001-01-01.
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1971 ? null : d;
};

/** Microsoft's Subscription object → the marketplace-owned columns of our subscriptions table. */
export function subscriptionValues(s: MarketplaceSubscription): Omit<
  NewSubscription,
  "provisioningState" | "onboardingValues" | "confirmedByEmail" | "confirmedAt" | "activatedAt" | "createdAt" | "updatedAt"
> {
  return {
    id: s.id,
    name: s.name,
    publisherId: s.publisherId ?? null,
    offerId: s.offerId,
    planId: s.planId,
    quantity: s.quantity ?? null,
    status: (STATUSES.has(s.status) ? s.status : "NotStarted") as SubscriptionStatus,
    purchaserEmail: s.purchaser?.email?.toLowerCase() ?? null,
    purchaserObjectId: guidOrNull(s.purchaser?.objectId),
    purchaserTenantId: guidOrNull(s.purchaser?.tenantId),
    purchaserPuid: s.purchaser?.puid ?? null,
    beneficiaryEmail: s.beneficiary?.email?.toLowerCase() ?? null,
    beneficiaryObjectId: guidOrNull(s.beneficiary?.objectId),
    beneficiaryTenantId: guidOrNull(s.beneficiary?.tenantId),
    beneficiaryPuid: s.beneficiary?.puid ?? null,
    termUnit: s.term?.termUnit && TERM_UNITS.has(s.term.termUnit) ? (s.term.termUnit as NewSubscription["termUnit"]) : null,
    termStartDate: dateOrNull(s.term?.startDate),
    termEndDate: dateOrNull(s.term?.endDate),
    autoRenew: s.autoRenew ?? true,
    isTest: s.isTest,
    isFreeTrial: s.isFreeTrial,
    sandboxType: s.sandboxType === "Csp" ? "Csp" : "None",
    sessionMode: s.sessionMode === "DryRun" ? "DryRun" : "None",
    allowedCustomerOperations: s.allowedCustomerOperations,
    marketplaceCreatedAt: dateOrNull(s.created),
    lastSyncedAt: new Date(),
  };
}

/** A plan as listAvailablePlans describes it → the marketplace-owned columns of our plans table. */
export function planValues(offerId: string, p: MarketplacePlan): Omit<NewPlan, "activationMode" | "createdAt" | "updatedAt"> {
  return {
    offerId,
    planId: p.planId,
    displayName: p.displayName,
    description: p.description ?? null,
    pricingModel: p.isPricePerSeat ? "per_user" : "flat_rate",
    billingTerms: p.recurrentBillingTerms.map((t) => ({
      termUnit: t.termUnit ?? "P1M",
      price: t.price ?? 0,
      currency: t.currency ?? "USD",
      description: t.termDescription,
    })),
    isPrivate: p.isPrivate,
    hasFreeTrial: p.hasFreeTrials,
    minQuantity: p.minQuantity ?? null,
    maxQuantity: p.maxQuantity ?? null,
    meteringDimensions: p.meteringDimensions.map((d) => ({
      id: d.id,
      displayName: d.displayName ?? d.id,
      unitOfMeasure: d.unitOfMeasure ?? "unit",
      pricePerUnit: d.pricePerUnit ?? 0,
      currency: d.currency ?? "USD",
    })),
  };
}
