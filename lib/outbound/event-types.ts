import type { AuditEvent } from "@/db/schema";

/** What the ISV's own systems can subscribe to; each comes from one or more audit actions. */
export const OUTBOUND_EVENT_TYPES = [
  "subscription.created",
  "subscription.pending",
  "subscription.activated",
  "subscription.activation_failed",
  "subscription.changed",
  "subscription.change_rejected",
  "subscription.suspended",
  "subscription.reinstated",
  "subscription.renewed",
  "subscription.trial_converted",
  "subscription.updated",
  "subscription.cancelled",
  "usage.reported",
  "usage.rejected",
  "usage.near_expiry",
  "webhook.dead_lettered",
  "credential.expiring",
] as const;
export type OutboundEventType = (typeof OUTBOUND_EVENT_TYPES)[number];

/** Sent by "Send test event" only, whatever the endpoint's filter. */
export const TEST_EVENT_TYPE = "outbound.test";

export const EVENT_TYPE_LABELS: Record<OutboundEventType, string> = {
  "subscription.created": "New subscription (purchase landed, or found by the sync)",
  "subscription.pending": "Purchase confirmed, awaiting staff approval",
  "subscription.activated": "Subscription activated",
  "subscription.activation_failed": "Activation failed",
  "subscription.changed": "Plan or quantity changed",
  "subscription.change_rejected": "Customer change refused by the portal",
  "subscription.suspended": "Suspended (payment failed)",
  "subscription.reinstated": "Reinstated",
  "subscription.renewed": "Renewed",
  "subscription.trial_converted": "Free trial converted to paid",
  "subscription.updated": "Other details updated from Microsoft (term, auto-renew, contacts)",
  "subscription.cancelled": "Cancelled",
  "usage.reported": "Usage reported to Microsoft",
  "usage.rejected": "Usage event rejected by Microsoft, or expired unsent",
  "usage.near_expiry": "Usage still unsent close to Microsoft's 24-hour window",
  "webhook.dead_lettered": "Marketplace notification dead-lettered",
  "credential.expiring": "App credential near expiry or expired",
};

/** The choices as staff see them: a subscription's life, its usage, and the portal's own operation. */
export const EVENT_TYPE_GROUPS: ReadonlyArray<{ label: string; types: readonly OutboundEventType[] }> = [
  { label: "Subscriptions", types: OUTBOUND_EVENT_TYPES.filter((t) => t.startsWith("subscription.")) },
  { label: "Usage", types: OUTBOUND_EVENT_TYPES.filter((t) => t.startsWith("usage.")) },
  { label: "Operations", types: OUTBOUND_EVENT_TYPES.filter((t) => !t.startsWith("subscription.") && !t.startsWith("usage.")) },
];

/** Audit actions that are news whatever their changes. */
const BY_ACTION: Record<string, OutboundEventType> = {
  // A new row: the buyer's first visit of the landing page, or the reconciliation sync.
  "subscription.purchased": "subscription.created",
  "subscription.imported": "subscription.created",
  "subscription.activated": "subscription.activated",
  "subscription.activation_failed": "subscription.activation_failed",
  "operation.rejected": "subscription.change_rejected",
  "usage.reported": "usage.reported",
  "usage.rejected": "usage.rejected",
  "usage.expiry_warning": "usage.near_expiry",
  "webhook.dead_lettered": "webhook.dead_lettered",
  "credential.expiry_warning": "credential.expiring",
};

/**
 * Microsoft's notifications applied as themselves: news only when the subscription changed, so a
 * Subscribe arriving after the landing page activated, or a Renew whose term the sync had already
 * taken, does not announce the same change twice.
 */
const LIFECYCLE: Record<string, OutboundEventType> = {
  // A Subscribe webhook: the plan activated itself at purchase, so it is live from Microsoft's side.
  "subscription.subscribed": "subscription.activated",
  "subscription.plan_changed": "subscription.changed",
  "subscription.quantity_changed": "subscription.changed",
  "subscription.suspended": "subscription.suspended",
  "subscription.reinstated": "subscription.reinstated",
  "subscription.renewed": "subscription.renewed",
  "subscription.unsubscribed": "subscription.cancelled",
};

/** Microsoft's state taken as the truth, whoever found it: the event is the change it made. */
const CONVERGED = new Set([
  "subscription.converged",
  // Staff accepted the sync's drift, or the portal healed it on its own (same path, lib/sync/accept-drift.ts).
  "subscription.drift_accepted",
  "subscription.drift_healed",
]);

/** Every audit action that can become an event; all others never do (checked by lib/outbound/every-change.test.ts). */
export const EVENT_AUDIT_ACTIONS: readonly string[] = [
  "subscription.confirmed",
  ...Object.keys(BY_ACTION),
  ...Object.keys(LIFECYCLE),
  ...CONVERGED,
];

export function isOutboundEventType(value: string): value is OutboundEventType {
  return (OUTBOUND_EVENT_TYPES as readonly string[]).includes(value);
}

/** The event an audit entry stands for, or null when the ISV's systems need not hear of it. */
export function eventTypeFor(event: Pick<AuditEvent, "action" | "changes">): OutboundEventType | null {
  if (event.action === "subscription.confirmed") {
    // Confirmation of an instant plan goes straight on to activation; only a wait for staff is news.
    return event.changes.provisioningState?.to === "awaiting_approval" ? "subscription.pending" : null;
  }
  if (CONVERGED.has(event.action)) return convergedEventType(event.changes);
  const lifecycle = LIFECYCLE[event.action];
  if (lifecycle) {
    if (Object.keys(event.changes).length === 0) return null;
    return trialConverted(event.changes) ? "subscription.trial_converted" : lifecycle;
  }
  return BY_ACTION[event.action] ?? null;
}

type Changes = Pick<AuditEvent, "changes">["changes"];

// A free trial ends by converting to the paid plan at its first renewal (https://learn.microsoft.com/en-us/partner-center/marketplace-offers/plan-saas-offer#free-trials).
const trialConverted = (changes: Changes) => changes.isFreeTrial?.from === true && changes.isFreeTrial.to === false;

function convergedEventType(changes: Changes): OutboundEventType | null {
  const status = changes.status;
  if (status?.to === "Suspended") return "subscription.suspended";
  if (status?.to === "Unsubscribed") return "subscription.cancelled";
  if (status?.to === "Subscribed") return status.from === "Suspended" ? "subscription.reinstated" : "subscription.activated";
  if (trialConverted(changes)) return "subscription.trial_converted";
  if (changes.planId || changes.quantity) return "subscription.changed";
  if (changes.termEndDate) return "subscription.renewed";
  // Anything else Microsoft changed (auto-renew, term, contacts, name) is still a change.
  return Object.keys(changes).length > 0 ? "subscription.updated" : null;
}

export type SubscriptionSnapshot = {
  id: string;
  name: string;
  offerId: string;
  planId: string;
  quantity: number | null;
  status: string;
  provisioningState: string;
  beneficiaryTenantId: string | null;
  purchaserTenantId: string | null;
  isTest: boolean;
};

/**
 * Standard Webhooks' recommended envelope: `type`, `timestamp`, `data`. `subscription` is the
 * subscription as the portal knew it when the event was enqueued; `changes` is exact for the event.
 */
export function eventBody(event: AuditEvent, type: OutboundEventType, subscription: SubscriptionSnapshot | null): string {
  return JSON.stringify({
    type,
    timestamp: event.occurredAt.toISOString(),
    data: {
      eventId: event.id,
      action: event.action,
      target: { type: event.targetType, id: event.targetId },
      actor: { type: event.actorType, id: event.actorId, email: event.actorEmail },
      changes: event.changes,
      metadata: event.metadata,
      subscription,
      correlationId: event.correlationId,
    },
  });
}

export function testEventBody(endpointId: string, requestedBy: string | null, now: Date): string {
  return JSON.stringify({
    type: TEST_EVENT_TYPE,
    timestamp: now.toISOString(),
    data: {
      endpointId,
      requestedBy,
      message: "A test event from the marketplace portal. Verify its signature with this endpoint's secret.",
    },
  });
}
