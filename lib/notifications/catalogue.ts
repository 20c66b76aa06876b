import { EVENT_TYPE_LABELS, OUTBOUND_EVENT_TYPES, type OutboundEventType } from "@/lib/outbound/event-types";

/** Notifications follow the outbound catalogue: a type added there can be chosen here at once. */
export const NOTIFICATION_EVENT_TYPES: readonly OutboundEventType[] = OUTBOUND_EVENT_TYPES;
export const NOTIFICATION_TEST_TYPE = "notification.test";
export const DIGEST_TYPE = "notification.digest";

export function notificationLabel(type: string): string {
  if (type === NOTIFICATION_TEST_TYPE) return "Test message";
  if (type === DIGEST_TYPE) return "Daily digest";
  return (EVENT_TYPE_LABELS as Record<string, string>)[type] ?? type;
}

/** The rules a fresh installation starts with; the compiler holds each event type to the catalogue. */
export const DEFAULT_RULES: ReadonlyArray<{
  name: string;
  audience: "staff" | "buyer";
  eventTypes: readonly OutboundEventType[];
}> = [
  {
    name: "Staff: purchases, approvals, failures and cancellations",
    audience: "staff",
    eventTypes: [
      "subscription.created",
      "subscription.pending",
      "subscription.activation_failed",
      "subscription.cancelled",
      "webhook.dead_lettered",
      "usage.near_expiry",
      "usage.rejected",
      "credential.expiring",
    ],
  },
  { name: "Buyer: activation confirmed", audience: "buyer", eventTypes: ["subscription.activated"] },
  { name: "Buyer: cancellation confirmed", audience: "buyer", eventTypes: ["subscription.cancelled"] },
];

/** The default rules for one e-mail channel: staff by the owner and operator roles, buyers as purchaser and beneficiary. */
export function defaultRulesFor(channelId: string) {
  return DEFAULT_RULES.map((rule) => ({
    channelId,
    eventTypes: [...rule.eventTypes],
    staffRoles: rule.audience === "staff" ? ["owner", "operator"] : [],
    toPurchaser: rule.audience === "buyer",
    toBeneficiary: rule.audience === "buyer",
  }));
}
