import "server-only";
import type { provisioningState } from "@/db/schema";
import type { SaasSubscriptionStatus } from "@/lib/marketplace";

// Microsoft's life cycle (https://learn.microsoft.com/en-us/partner-center/marketplace-offers/pc-saas-fulfillment-life-cycle) as a pure table, in Microsoft's exact status names.
export type SubscriptionStatus = SaasSubscriptionStatus;
export type ProvisioningState = (typeof provisioningState.enumValues)[number];
export const LIFECYCLE_ACTIONS = ["Subscribe", "ChangePlan", "ChangeQuantity", "Renew", "Suspend", "Reinstate", "Unsubscribe"] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export function isLifecycleAction(action: string): action is LifecycleAction {
  return (LIFECYCLE_ACTIONS as readonly string[]).includes(action);
}

export type TransitionResult =
  { ok: true; next: SubscriptionStatus } | { ok: false; code: "illegal_transition" | "unknown_subscription"; message: string };

const pending: Partial<Record<LifecycleAction, SubscriptionStatus>> = {
  // Auto-activating plans are Subscribed at purchase; Microsoft then sends Subscribe.
  Subscribe: "Subscribed",
  // A purchase cancelled (or whose activation failed) before it ever became active.
  Unsubscribe: "Unsubscribed",
};

const table: Record<SubscriptionStatus, Partial<Record<LifecycleAction, SubscriptionStatus>>> = {
  NotStarted: pending,
  PendingFulfillmentStart: pending,
  Subscribed: {
    // The landing page may have activated it before Microsoft's Subscribe notification arrived.
    Subscribe: "Subscribed",
    ChangePlan: "Subscribed",
    ChangeQuantity: "Subscribed",
    Renew: "Subscribed",
    Suspend: "Suspended",
    Unsubscribe: "Unsubscribed",
  },
  Suspended: { Reinstate: "Subscribed", Unsubscribe: "Unsubscribed" },
  // Terminal: a new purchase gets a new subscription ID.
  Unsubscribed: {},
};

export function transition(from: SubscriptionStatus | null, action: string): TransitionResult {
  if (!isLifecycleAction(action)) {
    return { ok: false, code: "illegal_transition", message: `${action} is not a subscription life-cycle action` };
  }
  if (from === null) {
    const next = pending[action];
    if (next) return { ok: true, next };
    return { ok: false, code: "unknown_subscription", message: `${action} for a subscription the portal does not know` };
  }
  const next = table[from][action];
  if (next) return { ok: true, next };
  return { ok: false, code: "illegal_transition", message: `${action} is not allowed while ${from}` };
}

/** Suspended and Unsubscribed keep their data: Microsoft asks for at least 7 days after Unsubscribe. */
export function provisioningAfter(action: LifecycleAction, current: ProvisioningState | null): ProvisioningState {
  switch (action) {
    case "Subscribe":
    case "Reinstate":
      return "active";
    case "Suspend":
      return "suspended";
    case "Unsubscribe":
      return "deprovisioned";
    default:
      return current ?? "new";
  }
}

export const auditActionFor: Record<LifecycleAction, string> = {
  Subscribe: "subscription.subscribed",
  ChangePlan: "subscription.plan_changed",
  ChangeQuantity: "subscription.quantity_changed",
  Renew: "subscription.renewed",
  Suspend: "subscription.suspended",
  Reinstate: "subscription.reinstated",
  Unsubscribe: "subscription.unsubscribed",
};
