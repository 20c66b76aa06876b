/** Where an audit target lives in the admin, by its type; null when no page shows it. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function auditTargetHref(type: string, id: string): string | null {
  const e = encodeURIComponent;
  switch (type) {
    case "subscription":
      return GUID.test(id) ? `/admin/subscriptions/${id.toLowerCase()}` : null;
    case "offer":
      return `/admin/catalogue/${e(id)}`;
    case "plan": {
      const [offerId] = splitPlanTarget(id);
      return offerId ? `/admin/catalogue/${e(offerId)}` : null;
    }
    case "staff":
      return "/admin/staff";
    case "api_key":
      return "/admin/api-keys";
    case "notification_channel":
    case "notification_rule":
    case "notification_template":
    case "notification_delivery":
      return "/admin/notifications";
    case "outbound_endpoint":
      return GUID.test(id) ? `/admin/outbound/${id}` : "/admin/outbound";
    case "outbound_delivery":
      return GUID.test(id) ? `/admin/outbound/deliveries/${id}` : "/admin/outbound";
    case "sync_run":
      return "/admin/sync";
    case "usage":
      return "/admin/usage";
    case "settings":
    case "catalogue":
      return type === "settings" ? "/admin/settings" : "/admin/catalogue";
    default:
      return null;
  }
}

/** A plan target is written as "offerId/planId". */
export function splitPlanTarget(id: string): [offerId: string | null, planId: string | null] {
  const at = id.indexOf("/");
  return at > 0 ? [id.slice(0, at), id.slice(at + 1)] : [null, null];
}

export const auditTargetKey = (type: string, id: string) => `${type}\u0000${id}`;

/** How a target type is said above its name. */
export const TARGET_TYPE_WORDS: Record<string, string> = {
  subscription: "Subscription",
  offer: "Offer",
  plan: "Plan",
  staff: "Staff member",
  api_key: "API key",
  notification_channel: "Notification channel",
  notification_rule: "Notification rule",
  notification_template: "Notification template",
  notification_delivery: "Notification",
  outbound_endpoint: "Outbound endpoint",
  outbound_delivery: "Outbound delivery",
  sync_run: "Sync run",
  credential: "Credential",
  settings: "Settings",
  catalogue: "Catalogue",
  usage: "Usage",
  audit_log: "Audit log",
  subscriptions: "Subscriptions",
};
