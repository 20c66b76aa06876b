import "server-only";
import type { NewPlan, NewSubscription } from "@/db/schema";
import { sandboxType, sessionMode, termUnit } from "@/db/schema";
import type { AadIdentity, MarketplacePlan, MarketplaceSubscription, SaasSubscriptionStatus } from "@/lib/marketplace";
import { isGuid } from "@/lib/marketplace/schema-primitives";

// The one mapping from Microsoft's Subscription object to our row, used by the landing page,
// activation, webhook operations and the sync alike, so every path stores the same values.
// https://learn.microsoft.com/en-us/partner-center/marketplace-offers/pc-saas-fulfillment-subscription-api#get-subscription

/** GUIDs are compared as strings in access checks, so they are stored in one case. */
export const guidOrNull = (v: string | null | undefined) => (v && isGuid(v) ? v.toLowerCase() : null);

/** Microsoft's "no date" is 0001-01-01, and some dates come without a zone: they are UTC. */
function dateOrNull(v: string | undefined): Date | null {
  if (!v) return null;
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1970 ? null : d;
}

function oneOf<T extends string>(values: readonly T[], v: string | undefined): T | null {
  return v !== undefined && (values as readonly string[]).includes(v) ? (v as T) : null;
}

/** E-mail is for display only (never for authorization); lowercased so lists and searches agree. */
function identity(who: AadIdentity | undefined) {
  return {
    email: who?.email?.trim().toLowerCase() || null,
    objectId: guidOrNull(who?.objectId),
    tenantId: guidOrNull(who?.tenantId),
    puid: who?.puid ?? null,
  };
}

export type MarketplaceSubscriptionValues = Omit<
  NewSubscription,
  "provisioningState" | "onboardingValues" | "confirmedByEmail" | "confirmedAt" | "activatedAt" | "createdAt" | "updatedAt"
>;

/**
 * Microsoft's Subscription object → the marketplace-owned columns of our subscriptions table.
 * `status` overrides Microsoft's when the life-cycle table decided it: GET subscription may lag or
 * lead the operation being applied.
 */
export function subscriptionValues(
  remote: MarketplaceSubscription,
  options: { status?: SaasSubscriptionStatus; now?: Date } = {},
): MarketplaceSubscriptionValues {
  const purchaser = identity(remote.purchaser);
  const beneficiary = identity(remote.beneficiary);
  const quantity = remote.quantity === undefined || !Number.isFinite(remote.quantity) ? null : Math.trunc(remote.quantity);
  return {
    id: remote.id.toLowerCase(),
    name: remote.name,
    publisherId: remote.publisherId ?? null,
    offerId: remote.offerId,
    planId: remote.planId,
    quantity,
    status: options.status ?? remote.status,
    purchaserEmail: purchaser.email,
    purchaserObjectId: purchaser.objectId,
    purchaserTenantId: purchaser.tenantId,
    purchaserPuid: purchaser.puid,
    beneficiaryEmail: beneficiary.email,
    beneficiaryObjectId: beneficiary.objectId,
    beneficiaryTenantId: beneficiary.tenantId,
    beneficiaryPuid: beneficiary.puid,
    termUnit: oneOf(termUnit.enumValues, remote.term?.termUnit),
    termStartDate: dateOrNull(remote.term?.startDate),
    termEndDate: dateOrNull(remote.term?.endDate),
    autoRenew: remote.autoRenew ?? true,
    isTest: remote.isTest,
    isFreeTrial: remote.isFreeTrial,
    sandboxType: oneOf(sandboxType.enumValues, remote.sandboxType) ?? "None",
    sessionMode: oneOf(sessionMode.enumValues, remote.sessionMode) ?? "None",
    allowedCustomerOperations: remote.allowedCustomerOperations,
    marketplaceCreatedAt: dateOrNull(remote.created),
    lastSyncedAt: options.now ?? new Date(),
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
      // What the plan's flat fee covers per term before usage is billed (lib/metering).
      meteredQuantityIncluded: t.meteredQuantityIncluded
        .map((m) => ({ dimensionId: m.dimensionId, units: Number(m.units) }))
        .filter((m) => Number.isFinite(m.units) && m.units > 0),
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
