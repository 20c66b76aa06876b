import type { SimOperation, SimPlan, SimSubscription } from "./schema";
import type { OperationStatus } from "./types";

export interface Outcome {
  status: Extract<OperationStatus, "Succeeded" | "Failed" | "Conflict">;
  /** Subscription fields to change; only a Succeeded outcome changes anything. */
  changes?: Partial<SimSubscription>;
  errorMessage?: string;
}

/**
 * What completing a pending operation does to its subscription. Pure: the caller locks the
 * subscription, looks up the target plan and whether a newer change already won.
 * `Conflict` follows the spec's meaning: the new plan or quantity equals the current one.
 */
export function completeOutcome(args: {
  op: Pick<SimOperation, "action" | "planId" | "quantity">;
  sub: SimSubscription;
  targetPlan?: SimPlan;
  newerChangeSucceeded: boolean;
  now: Date;
}): Outcome {
  const { op, sub, targetPlan, now } = args;
  if (op.action === "Unsubscribe") {
    if (sub.status === "Unsubscribed") return { status: "Conflict", errorMessage: "The subscription is already unsubscribed." };
    return { status: "Succeeded", changes: { status: "Unsubscribed", unsubscribedAt: now } };
  }
  if (op.action === "Reinstate") {
    if (sub.status !== "Suspended")
      return { status: "Conflict", errorMessage: `Only a suspended subscription can be reinstated (it is ${sub.status}).` };
    return { status: "Succeeded", changes: { status: "Subscribed" } };
  }
  if (op.action !== "ChangePlan" && op.action !== "ChangeQuantity") {
    return { status: "Failed", errorMessage: `${op.action} operations complete when they are created.` };
  }
  if (args.newerChangeSucceeded) return { status: "Conflict", errorMessage: "A newer change to this subscription was already fulfilled." };
  if (sub.status !== "Subscribed")
    return { status: "Failed", errorMessage: `The subscription is ${sub.status}; only Subscribed subscriptions can change.` };

  if (op.action === "ChangeQuantity") {
    if (op.quantity === sub.quantity) return { status: "Conflict", errorMessage: "The quantity already has this value." };
    return { status: "Succeeded", changes: { quantity: op.quantity } };
  }
  if (op.planId === sub.planId) return { status: "Conflict", errorMessage: "The subscription already has this plan." };
  if (!targetPlan) return { status: "Failed", errorMessage: `Plan ${op.planId} no longer exists.` };
  const units = targetPlan.recurrentBillingTerms.map((t) => t.termUnit);
  return {
    status: "Succeeded",
    changes: {
      planId: targetPlan.planId,
      // Moving to a plan without a trial ends the trial at once; between trial plans it continues.
      isFreeTrial: sub.isFreeTrial && targetPlan.hasFreeTrials,
      termUnit: units.includes(sub.termUnit) ? sub.termUnit : (units[0] ?? sub.termUnit),
      quantity: targetPlan.isPricePerSeat ? (sub.quantity ?? targetPlan.minQuantity ?? 1) : null,
    },
  };
}
