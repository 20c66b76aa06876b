import type { SimOperation, SimPlan, SimSubscription } from "./schema";
import type { OperationJson, OperationStatus, SubscriptionJson } from "./types";

export const PENDING_STATUSES = ["NotStarted", "InProgress"] as const;

export function isPending(op: Pick<SimOperation, "status">): boolean {
  return op.status === "NotStarted" || op.status === "InProgress";
}

/** A pending operation reports NotStarted until its start time, then InProgress. */
export function displayedStatus(op: SimOperation, now: Date): OperationStatus {
  if (!isPending(op)) return op.status;
  return now.getTime() >= op.startsAt.getTime() ? "InProgress" : "NotStarted";
}

/** Microsoft's Subscription object: quantity only for per-seat plans, term dates only once activated. */
export function subscriptionJson(row: SimSubscription): SubscriptionJson {
  const term: SubscriptionJson["term"] = { termUnit: row.termUnit };
  if (row.termStartDate) term.startDate = row.termStartDate.toISOString();
  if (row.termEndDate) term.endDate = row.termEndDate.toISOString();
  if (row.chargeDuration) term.chargeDuration = row.chargeDuration;
  return {
    id: row.id,
    publisherId: row.publisherId,
    offerId: row.offerId,
    name: row.name,
    saasSubscriptionStatus: row.status,
    beneficiary: row.beneficiary,
    purchaser: row.purchaser,
    planId: row.planId,
    ...(row.quantity === null ? {} : { quantity: row.quantity }),
    term,
    autoRenew: row.autoRenew,
    isTest: row.isTest,
    isFreeTrial: row.isFreeTrial,
    allowedCustomerOperations: row.allowedCustomerOperations,
    sandboxType: row.sandboxType,
    sessionMode: row.sessionMode,
    created: row.created.toISOString(),
  };
}

export function operationJson(op: SimOperation, sub: Pick<SimSubscription, "offerId" | "publisherId">, now: Date): OperationJson {
  return {
    id: op.id,
    activityId: op.activityId,
    subscriptionId: op.subscriptionId,
    offerId: sub.offerId,
    publisherId: sub.publisherId,
    planId: op.planId,
    ...(op.quantity === null ? {} : { quantity: op.quantity }),
    action: op.action,
    timeStamp: op.createdAt.toISOString(),
    status: displayedStatus(op, now),
    ...(op.errorStatusCode ? { errorStatusCode: op.errorStatusCode } : {}),
    ...(op.errorMessage ? { errorMessage: op.errorMessage } : {}),
  };
}

export function planJson(plan: SimPlan, opts: { market: string; withSourceOffers: boolean }) {
  return {
    planId: plan.planId,
    displayName: plan.displayName,
    isPrivate: plan.isPrivate,
    description: plan.description,
    ...(plan.minQuantity === null ? {} : { minQuantity: plan.minQuantity }),
    ...(plan.maxQuantity === null ? {} : { maxQuantity: plan.maxQuantity }),
    hasFreeTrials: plan.hasFreeTrials,
    isPricePerSeat: plan.isPricePerSeat,
    isStopSell: plan.isStopSell,
    market: opts.market,
    planComponents: {
      recurrentBillingTerms: plan.recurrentBillingTerms,
      meteringDimensions: plan.meteringDimensions,
    },
    ...(opts.withSourceOffers && plan.privateOfferId ? { sourceOffers: [{ externalId: plan.privateOfferId }] } : {}),
  };
}
