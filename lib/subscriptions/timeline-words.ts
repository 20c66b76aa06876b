import "server-only";

/** Every word the subscription timeline says, in one place (lib/subscriptions/timeline.ts builds the entries). */

export type Who = { kind: "staff" | "customer" | "microsoft" | "portal"; email?: string | null };

export function whoWords(who: Who): string {
  switch (who.kind) {
    case "staff":
      return who.email ? `Staff (${who.email})` : "Staff";
    case "customer":
      return who.email ? `Customer (${who.email})` : "Customer";
    case "microsoft":
      return "Microsoft";
    case "portal":
      return "The portal";
  }
}

/** Microsoft's lifecycle actions: what was done, and what was asked for when it has not (or not yet) happened. */
export const CHANGE_WORDS: Record<string, { done: string; asked: string }> = {
  ChangePlan: { done: "changed the plan", asked: "asked to change the plan" },
  ChangeQuantity: { done: "changed seats", asked: "asked to change seats" },
  Unsubscribe: { done: "cancelled the subscription", asked: "asked to cancel the subscription" },
  // Microsoft suspends a subscription when the customer's payment fails:
  // https://learn.microsoft.com/partner-center/marketplace-offers/pc-saas-fulfillment-life-cycle#suspended-suspended
  Suspend: { done: "suspended the subscription: payment failed", asked: "asked to suspend the subscription" },
  Reinstate: { done: "reinstated the subscription: payment received", asked: "asked to reinstate the subscription" },
  Renew: { done: "renewed the subscription", asked: "asked to renew the subscription" },
  Subscribe: { done: "activated the subscription", asked: "asked to activate the subscription" },
};

export const changeWords = (action: string) => CHANGE_WORDS[action] ?? { done: `did ${action}`, asked: `asked for ${action}` };

/** How a change that did not simply go through ended. */
export const OUTCOME_WORDS = {
  pending: "waiting for Microsoft",
  failed: "failed at Microsoft",
  refused: "refused by the portal",
  notApplied: "not applied",
  undelivered: "the notification could not be processed",
  ignored: "ignored",
} as const;
export type Outcome = keyof typeof OUTCOME_WORDS | "done";

/** Subscription fields, as staff call them. */
export const FIELD_WORDS: Record<string, string> = {
  planId: "the plan",
  quantity: "seats",
  status: "status",
  name: "the name",
  termUnit: "the term",
  termStartDate: "the term start",
  termEndDate: "the term end",
  autoRenew: "auto-renew",
  isFreeTrial: "free trial",
  isTest: "test purchase",
  allowedCustomerOperations: "customer operations",
  sandboxType: "sandbox",
  sessionMode: "session mode",
  purchaserEmail: "the purchaser's e-mail",
  purchaserTenantId: "the purchaser's tenant",
  beneficiaryEmail: "the user's e-mail",
  beneficiaryTenantId: "the user's tenant",
};

export const STATUS_WORDS: Record<string, string> = {
  NotStarted: "Not started",
  PendingFulfillmentStart: "Pending activation",
  Subscribed: "Active",
  Suspended: "Suspended",
  Unsubscribed: "Cancelled",
};

/** Changes recorded outside any Microsoft operation, by audit action. */
export const EVENT_WORDS: Record<
  string,
  (who: string, ctx: { plan: string | null; seats: string | null; error: string | null }) => string
> = {
  "subscription.purchased": (who, c) => `${who} bought ${c.plan ?? "the subscription"}${c.seats ? ` (${c.seats} seats)` : ""}`,
  "subscription.imported": () => "The portal found the subscription in a sync with Microsoft",
  "subscription.confirmed": (who) => `${who} confirmed the purchase on the landing page`,
  "subscription.activation_requested": (who) => `${who} asked Microsoft to activate the subscription`,
  "subscription.activated": (who) => `${who} activated the subscription: billing started`,
  "subscription.activation_failed": (who, c) => `${who} could not activate the subscription${c.error ? `: ${c.error}` : ""}`,
  "subscription.change_refused": (who, c) => `Microsoft refused a change asked by ${who}${c.error ? `: ${c.error}` : ""}`,
  "subscription.change_unconfirmed": (who) => `Microsoft did not confirm a change asked by ${who}; the portal is checking`,
  "subscription.drift_healed": () => "The portal applied Microsoft's current values",
  "subscription.drift_accepted": (who) => `${who} accepted Microsoft's values`,
  "subscription.converged": () => "The portal caught up with Microsoft",
  "subscription.plan_change_requested": (who) => `${who} asked to change the plan`,
  "subscription.quantity_change_requested": (who) => `${who} asked to change seats`,
  "subscription.cancellation_requested": (who) => `${who} asked to cancel the subscription`,
};

export const RECORD_WORDS = {
  webhook: (action: string) => `Webhook from Microsoft: ${action}`,
  operation: (action: string, status: string) => `Operation ${action}: ${status}`,
  audit: (action: string) => `Audit: ${action}`,
  startedHere: (by: string | null) => `Started in the portal${by ? ` by ${by}` : ""}`,
  startedAtMicrosoft: "Started at Microsoft (by the customer or Microsoft)",
} as const;

export const REASON = (reason: string) => `Reason: ${reason}`;
