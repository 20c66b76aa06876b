import "server-only";
import type { DbOrTx } from "@/db/client";
import { listOpenOperationsForSubscription } from "@/db/queries/partner-operations";
import { getSelfServiceSettings } from "@/db/queries/self-service";
import { getSubscriptionById } from "@/db/queries/subscriptions";
import type { Subscription } from "@/db/schema";
import type { PortalUser } from "@/lib/auth";
import type { BuyerErrorCode } from "@/lib/errors";
import { buyerCanSee } from "./access";
import { cancelSubscription, changePlan, changeQuantity, type ChangeDeps, type ChangeProblem, type ChangeResult } from "./change";

// The buyer's own changes on /account go through the same services as the dashboard's (./change.ts),
// within Microsoft's rules for customer operations and the ISV's per-offer settings:
// https://learn.microsoft.com/en-us/partner-center/marketplace-offers/pc-saas-fulfillment-subscription-api#change-the-plan-on-the-subscription

export type SelfServiceChange = "seats" | "plan" | "cancel";

export interface SelfServiceOptions {
  seats: boolean;
  plan: boolean;
  cancel: boolean;
  /** An operation is pending at Microsoft: no change may start until it ends. */
  locked: boolean;
}

/** What the buyer may do with a subscription now: the offer's settings, Microsoft's allowed operations, its state. */
export async function selfServiceOptions(db: DbOrTx, sub: Subscription): Promise<SelfServiceOptions> {
  const [settings, open] = await Promise.all([getSelfServiceSettings(db, sub.offerId), listOpenOperationsForSubscription(db, sub.id)]);
  const update = sub.status === "Subscribed" && sub.allowedCustomerOperations.includes("Update");
  const cancel = (sub.status === "Subscribed" || sub.status === "Suspended") && sub.allowedCustomerOperations.includes("Delete");
  return {
    seats: settings.changeSeats && update && sub.quantity !== null,
    plan: settings.changePlan && update,
    cancel: settings.cancel && cancel,
    locked: open.length > 0,
  };
}

export type SelfServiceResult =
  | { ok: true; operationId: string }
  | {
      ok: false;
      code: BuyerErrorCode;
      field?: "planId" | "quantity";
      problem?: ChangeProblem;
      range?: { min: number; max: number | null };
    };

export type SelfServiceInput =
  | { change: "seats"; subscriptionId: string; quantity: number }
  | { change: "plan"; subscriptionId: string; planId: string }
  | { change: "cancel"; subscriptionId: string; reason: string };

const CODES: Record<Exclude<ChangeResult, { ok: true }>["reason"], BuyerErrorCode> = {
  "not-found": "subscription-unknown",
  "not-allowed": "change-not-allowed",
  busy: "change-busy",
  invalid: "change-invalid",
  rejected: "change-rejected",
  unavailable: "change-unavailable",
  unconfirmed: "change-unconfirmed",
};

/**
 * A buyer's change of one subscription. Someone else's subscription, or an ID that matches none,
 * gets the same answer, so the answer never tells whether a subscription exists. The change is
 * audited as the buyer (actor type `user`, their object ID and e-mail) by the change service.
 */
export async function changeAsBuyer(deps: ChangeDeps, user: PortalUser, input: SelfServiceInput): Promise<SelfServiceResult> {
  const sub = await getSubscriptionById(deps.db, input.subscriptionId);
  if (!sub || !buyerCanSee(sub, user)) return { ok: false, code: "subscription-unknown" };
  const options = await selfServiceOptions(deps.db, sub);
  if (!options[input.change]) {
    const settings = await getSelfServiceSettings(deps.db, sub.offerId);
    const off = input.change === "seats" ? !settings.changeSeats : input.change === "plan" ? !settings.changePlan : !settings.cancel;
    return { ok: false, code: off ? "self-service-off" : "change-not-allowed" };
  }
  if (options.locked) return { ok: false, code: "change-busy" };

  const actor = { type: "user", id: user.id, email: user.email } as const;
  const result =
    input.change === "seats"
      ? await changeQuantity(deps, { subscriptionId: sub.id, quantity: input.quantity, actor })
      : input.change === "plan"
        ? await changePlan(deps, { subscriptionId: sub.id, planId: input.planId, actor })
        : await cancelSubscription(deps, { subscriptionId: sub.id, reason: input.reason, actor });
  if (result.ok) return { ok: true, operationId: result.operation.id };
  return { ok: false, code: CODES[result.reason], field: result.field, problem: result.problem, range: result.range };
}
