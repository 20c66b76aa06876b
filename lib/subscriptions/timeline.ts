import "server-only";
import type { DbOrTx } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit-events";
import { listOperationsForSubscription } from "@/db/queries/partner-operations";
import { listInboxItems } from "@/db/queries/webhook-inbox";
import type { AuditEvent, MarketplaceOperation, WebhookInboxRow } from "@/db/schema";
import { operationTone, webhookTone, type Tone } from "@/lib/status-tone";

export type TimelineTone = Tone;

/** Audit actions whose success is still bad news, or an end. */
const AUDIT_TONES: Record<string, Tone> = {
  "subscription.suspended": "warning",
  "subscription.unsubscribed": "ended",
  "subscription.change_unconfirmed": "waiting",
  "operation.superseded": "ended",
};

export interface TimelineEntry {
  /** Unique across sources, for React keys. */
  key: string;
  at: Date;
  source: "webhook" | "operation" | "audit";
  title: string;
  detail: string | null;
  actor: string | null;
  tone: TimelineTone;
}

const AUDIT_TITLES: Record<string, string> = {
  "subscription.confirmed": "Buyer confirmed the purchase",
  "subscription.activated": "Activated",
  "subscription.activation_requested": "Activation requested",
  "subscription.activation_failed": "Activation failed",
  "subscription.subscribed": "Subscribed",
  "subscription.plan_changed": "Plan changed",
  "subscription.quantity_changed": "Quantity changed",
  "subscription.renewed": "Renewed",
  "subscription.suspended": "Suspended",
  "subscription.reinstated": "Reinstated",
  "subscription.unsubscribed": "Cancelled",
  "subscription.plan_change_requested": "Plan change requested",
  "subscription.quantity_change_requested": "Quantity change requested",
  "subscription.cancellation_requested": "Cancellation requested",
  "subscription.change_refused": "Change refused by Microsoft",
  "subscription.transition_refused": "Notification refused (not allowed in this state)",
  "operation.failed": "Operation failed",
  "operation.dropped": "Stale notification dropped",
  "operation.superseded": "Notification superseded (Microsoft has moved on)",
  "subscription.converged": "Updated to Microsoft's current state",
  "subscription.change_unconfirmed": "Microsoft did not confirm the change; checking",
  "subscription.drift_healed": "Drift applied from Microsoft",
  "subscription.drift_accepted": "Drift accepted from Microsoft",
  "subscription.purchased": "Purchase recorded from the landing page",
  "subscription.imported": "Found by the reconciliation sync",
  "webhook.dead_lettered": "Notification dead-lettered",
};

const describeChanges = (changes: AuditEvent["changes"]) =>
  Object.entries(changes)
    .map(([field, { from, to }]) => `${field}: ${from ?? "—"} → ${to ?? "—"}`)
    .join("; ");

function auditEntry(e: AuditEvent): TimelineEntry {
  const meta = e.metadata as { reason?: unknown; error?: unknown; operationId?: unknown };
  const extra = [typeof meta.reason === "string" ? `Reason: ${meta.reason}` : null, typeof meta.error === "string" ? meta.error : null];
  const failed = /failed|refused|dropped/.test(e.action);
  return {
    key: `audit-${e.id}`,
    at: e.occurredAt,
    source: "audit",
    title: AUDIT_TITLES[e.action] ?? e.action,
    detail: [describeChanges(e.changes), ...extra].filter(Boolean).join(" · ") || null,
    actor: e.actorEmail ?? (e.actorType === "marketplace" ? "Microsoft" : e.actorType),
    tone: failed ? "negative" : e.action.endsWith("_requested") ? "progress" : (AUDIT_TONES[e.action] ?? "positive"),
  };
}

function operationEntry(o: MarketplaceOperation): TimelineEntry {
  const requested =
    o.requestedPlanId && o.action === "ChangePlan"
      ? ` to ${o.requestedPlanId}`
      : o.requestedQuantity !== null && o.action === "ChangeQuantity"
        ? ` to ${o.requestedQuantity}`
        : "";
  return {
    key: `operation-${o.id}`,
    at: o.createdAt,
    source: "operation",
    title: `${o.action}${requested} (${o.source === "Partner" ? "started here" : "started by the customer or Microsoft"})`,
    detail: [`Status: ${o.status}`, o.errorMessage, `Operation ${o.id}`].filter(Boolean).join(" · "),
    actor: o.requestedBy ?? (o.source === "Azure" ? "Microsoft" : null),
    tone: operationTone(o),
  };
}

function webhookEntry(w: WebhookInboxRow): TimelineEntry {
  const status = typeof w.payload.status === "string" ? w.payload.status : null;
  return {
    key: `webhook-${w.id}`,
    at: w.receivedAt,
    source: "webhook",
    title: `Webhook: ${w.action}${status ? ` (${status})` : ""}`,
    detail: [`Inbox: ${w.state}`, w.decision ? `answered ${w.decision}` : null, w.stateReason, w.lastError].filter(Boolean).join(" · "),
    actor: "Microsoft",
    tone: webhookTone(w),
  };
}

/** One history from every source, newest first; further sources (usage, deliveries) pass their entries in `extra`. */
export function mergeTimeline(sources: {
  inbox?: WebhookInboxRow[];
  operations?: MarketplaceOperation[];
  audit?: AuditEvent[];
  extra?: TimelineEntry[];
}): TimelineEntry[] {
  const entries = [
    ...(sources.inbox ?? []).map(webhookEntry),
    ...(sources.operations ?? []).map(operationEntry),
    ...(sources.audit ?? []).map(auditEntry),
    ...(sources.extra ?? []),
  ];
  // Newest first; at equal times an effect sits above its cause: audit, then operation, then webhook.
  const order = { webhook: 0, operation: 1, audit: 2 } as const;
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime() || order[b.source] - order[a.source]);
}

export async function loadTimeline(db: DbOrTx, subscriptionId: string, limit = 200): Promise<TimelineEntry[]> {
  const [inbox, operations, audit] = await Promise.all([
    listInboxItems(db, { subscriptionId, limit }),
    listOperationsForSubscription(db, subscriptionId, limit),
    listAuditEvents(db, { targetType: "subscription", targetId: subscriptionId, limit }),
  ]);
  return mergeTimeline({ inbox, operations, audit }).slice(0, limit);
}
