import { getPlan, isPlanPurchasable } from "./catalogue";
import type { DbOrTx } from "./db";
import type { SimSubscription } from "./schema";

export type ChangeRequest = { planId: string } | { quantity: number };

/**
 * Preconditions of a plan or quantity change (Fulfillment API v2, change plan / change quantity):
 * the subscription is Subscribed; a new plan differs and is available to the beneficiary; a new
 * quantity fits the plan's min/max and differs. Returns why the change is refused, or null.
 */
export async function refuseChange(
  db: DbOrTx,
  sub: SimSubscription,
  change: ChangeRequest,
  opts: { checkAllowedOperations: boolean },
): Promise<string | null> {
  if (sub.status !== "Subscribed")
    return `The subscription is ${sub.status}; only a Subscribed subscription can change its plan or quantity.`;
  if (opts.checkAllowedOperations && !sub.allowedCustomerOperations.includes("Update")) {
    return "Update is not in allowedCustomerOperations for this subscription.";
  }
  if ("planId" in change) {
    if (change.planId === sub.planId) return `The subscription already has plan ${change.planId}.`;
    const target = await getPlan(db, sub.offerId, change.planId);
    if (!target || !isPlanPurchasable(target, sub.beneficiary.tenantId)) {
      return `Plan ${change.planId} is not available for this subscription.`;
    }
    return null;
  }
  const plan = await getPlan(db, sub.offerId, sub.planId);
  if (!plan?.isPricePerSeat) return `Plan ${sub.planId} is not priced per seat, so its quantity cannot change.`;
  if (!Number.isInteger(change.quantity) || change.quantity < 1) return "The quantity must be a positive integer.";
  if (change.quantity === sub.quantity) return `The subscription already has quantity ${change.quantity}.`;
  if (plan.minQuantity !== null && change.quantity < plan.minQuantity)
    return `Plan ${plan.planId} needs at least ${plan.minQuantity} seats.`;
  if (plan.maxQuantity !== null && change.quantity > plan.maxQuantity) {
    return `Plan ${plan.planId} allows at most ${plan.maxQuantity} seats; change the plan first.`;
  }
  return null;
}
