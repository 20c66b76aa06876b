import type { AuditEvent } from "@/db/schema";

/** What the ISV's own systems can subscribe to; each comes from one or more audit actions. */
export const OUTBOUND_EVENT_TYPES = [
  "subscription.pending",
  "subscription.activated",
  "subscription.activation_failed",
  "subscription.changed",
  "subscription.change_rejected",
  "subscription.suspended",
  "subscription.reinstated",
  "subscription.renewed",
  "subscription.cancelled",
  "usage.reported",
  "usage.rejected",
] as const;
export type OutboundEventType = (typeof OUTBOUND_EVENT_TYPES)[number];

/** Sent by "Send test event" only, whatever the endpoint's filter. */
export const TEST_EVENT_TYPE = "outbound.test";

export const EVENT_TYPE_LABELS: Record<OutboundEventType, string> = {
  "subscription.pending": "Purchase confirmed, awaiting staff approval",
  "subscription.activated": "Subscription activated",
  "subscription.activation_failed": "Activation failed",
  "subscription.changed": "Plan or quantity changed",
  "subscription.change_rejected": "Customer change refused by the portal",
  "subscription.suspended": "Suspended (payment failed)",
  "subscription.reinstated": "Reinstated",
  "subscription.renewed": "Renewed",
  "subscription.cancelled": "Cancelled",
  "usage.reported": "Usage reported to Microsoft",
  "usage.rejected": "Usage event rejected by Microsoft",
};

const BY_ACTION: Record<string, OutboundEventType> = {
  "subscription.activated": "subscription.activated",
  // A Subscribe webhook: the plan activated itself at purchase, so it is live from Microsoft's side.
  "subscription.subscribed": "subscription.activated",
  "subscription.activation_failed": "subscription.activation_failed",
  "subscription.plan_changed": "subscription.changed",
  "subscription.quantity_changed": "subscription.changed",
  "operation.rejected": "subscription.change_rejected",
  "subscription.suspended": "subscription.suspended",
  "subscription.reinstated": "subscription.reinstated",
  "subscription.renewed": "subscription.renewed",
  "subscription.unsubscribed": "subscription.cancelled",
  "usage.reported": "usage.reported",
  "usage.rejected": "usage.rejected",
};

export function isOutboundEventType(value: string): value is OutboundEventType {
  return (OUTBOUND_EVENT_TYPES as readonly string[]).includes(value);
}

/** The event an audit entry stands for, or null when the ISV's systems need not hear of it. */
export function eventTypeFor(event: Pick<AuditEvent, "action" | "changes">): OutboundEventType | null {
  if (event.action === "subscription.confirmed") {
    // Confirmation of an instant plan goes straight on to activation; only a wait for staff is news.
    return event.changes.provisioningState?.to === "awaiting_approval" ? "subscription.pending" : null;
  }
  if (event.action === "subscription.converged" || event.action === "subscription.drift_healed") return convergedEventType(event.changes);
  return BY_ACTION[event.action] ?? null;
}

/** Microsoft's state applied as the truth: the event is the change it made, the status first. */
function convergedEventType(changes: Pick<AuditEvent, "changes">["changes"]): OutboundEventType | null {
  const status = changes.status;
  if (status?.to === "Suspended") return "subscription.suspended";
  if (status?.to === "Unsubscribed") return "subscription.cancelled";
  if (status?.to === "Subscribed") return status.from === "Suspended" ? "subscription.reinstated" : "subscription.activated";
  if (changes.planId || changes.quantity) return "subscription.changed";
  if (changes.termEndDate) return "subscription.renewed";
  return null;
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
