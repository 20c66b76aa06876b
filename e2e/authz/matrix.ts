/**
 * The authorization matrix: the least role every server action and every route handler admits.
 * `authz-matrix.spec.ts` calls each one as every role and fails on an action or route of the
 * build that is missing here, on an entry that no longer exists, and on an answer to a role below
 * the declared one that is not a refusal (or that changed something), or a refusal to the
 * declared role and above. A new action or route needs one line here; the failure names the key.
 *
 * Roles: `buyer` is any signed-in user, staff included (which subscriptions a buyer may touch is
 * checked per object by buyer-isolation.spec.ts); `viewer` < `operator` < `owner` are staff roles.
 *
 * Keys: `<file>#<export>` for actions, as the build's server-reference manifest names them
 * (closures declared inside a component are `$$RSC_SERVER_ACTION_<n>`, numbered per file), and
 * `<METHOD> <path>` for route handlers, the path as the folders under app/ spell it.
 *
 * Placeholders in `{braces}` are filled from the fixtures the spec creates (see `Fixtures`): call
 * with a real object, so that a missing check would change something the spec can see. Where an
 * allowed call would leave a change other specs see (a global setting, a new staff member or
 * endpoint, a new onboarding question), the input fails validation instead: the role is checked
 * before the input is parsed, so a refusal still proves the check.
 */

/** In increasing order of power: each role may do everything the ones before it may. */
export const ROLES = ["anonymous", "buyer", "viewer", "operator", "owner"] as const;
export type Role = (typeof ROLES)[number];

export interface Fixtures {
  /** Alex's active subscriptions (purchaser alex@contoso.example): a flat-rate one and a per-seat one. */
  subscription: string;
  seatSubscription: string;
  /** Alex's purchase awaiting confirmation: its subscription ID and its landing-page token. */
  pendingSubscription: string;
  pendingToken: string;
  /** An outbound endpoint and a staff member created for the run. */
  endpoint: string;
  staffMember: string;
  /** A well-formed ID that matches nothing. */
  unknown: string;
}

export interface ActionEntry {
  role: Role;
  /** Form fields it is called with; repeated fields as arrays. */
  form?: Record<string, string | string[]>;
  /** The page to post to; by default the first page without a dynamic segment that uses the action. */
  page?: string;
  /**
   * A closure inside a component: its bound arguments are encrypted into the page that renders
   * it, so they are read from that page's form. Such actions take the form data alone, not a
   * previous state first.
   */
  boundFrom?: string;
  /** A plain form action (`action={fn}` without useActionState): it takes the form data alone. */
  formOnly?: boolean;
  /** Its ordinary answer is a redirect to sign-in (sign-out), so that redirect is no refusal. */
  redirectIsNormal?: boolean;
  /** Runs after the entries without it (in table order among themselves): it destroys or resets what others use. */
  last?: boolean;
}

export interface RouteEntry {
  role: Role;
  /** The URL to call, for a dynamic path or a query; by default the key's path. */
  url?: string;
  /** A JSON body, sent with Content-Type: application/json. */
  json?: unknown;
  /** Or a form body (application/x-www-form-urlencoded), as a plain HTML form posts it. */
  form?: Record<string, string>;
  /** Send Auth.js's CSRF token in the JSON body, as Auth.js refuses (and logs) a POST without it. */
  authjsCsrf?: boolean;
  /** Every caller gets this status whatever their session: the route authenticates otherwise. */
  sameForAll?: number;
}

export const actions: Record<string, ActionEntry> = {
  // Buyer-facing: any signed-in user; the purchase token, not a session, says which purchase.
  "app/(marketing)/landing/actions.ts#confirmPurchaseAction": { role: "buyer", form: { token: "{pendingToken}" } },
  "app/(marketing)/landing/actions.ts#retryActivationAction": { role: "buyer", form: { token: "{pendingToken}" } },
  // A buyer's own changes on /account: any signed-in user; changeAsBuyer checks per subscription that it is theirs
  // (buyer-isolation.spec.ts). The values fail validation, so that no change reaches Microsoft.
  "app/(marketing)/account/actions.ts#changeSeatsAction": {
    role: "buyer",
    form: { subscriptionId: "{seatSubscription}", quantity: "0" },
    page: "/account/{seatSubscription}",
  },
  "app/(marketing)/account/actions.ts#changePlanAction": {
    role: "buyer",
    form: { subscriptionId: "{subscription}", planId: "" },
    page: "/account/{subscription}",
  },
  "app/(marketing)/account/actions.ts#cancelSubscriptionAction": {
    role: "buyer",
    form: { subscriptionId: "{subscription}" },
    page: "/account/{subscription}",
  },
  "components/sign-in-button.tsx#$$RSC_SERVER_ACTION_0": { role: "anonymous", boundFrom: "/sign-in" },
  "components/admin/sign-out-button.tsx#$$RSC_SERVER_ACTION_0": { role: "anonymous", boundFrom: "/admin", redirectIsNormal: true },
  // "Use another account": ends the caller's own session and returns to a path of the portal.
  "app/(marketing)/actions.ts#switchAccountAction": {
    role: "anonymous",
    form: { redirectTo: "/account" },
    page: "/account",
    formOnly: true,
    redirectIsNormal: true,
  },

  // The language switcher: sets the caller's own language cookie and returns to a path of the portal.
  "app/(marketing)/actions.ts#chooseLanguageAction": {
    role: "anonymous",
    form: { locale: "en" },
    page: "/account",
    formOnly: true,
    redirectIsNormal: true,
  },

  // The simulator's storefront is a development tool for anyone, and answers only in simulator mode.
  "app/(dev)/simulator/actions.ts#buyAction": { role: "anonymous", form: {} },
  "app/(dev)/simulator/actions.ts#customerAction": { role: "anonymous", form: {} },

  // The key itself would be a change other specs see: an empty form fails validation after the role check.
  "app/(admin)/admin/api-keys/actions.ts#createApiKeyAction": { role: "owner", form: { name: "", scopes: [] } },
  "app/(admin)/admin/api-keys/actions.ts#revokeApiKeyAction": { role: "owner", form: { id: "{unknown}" } },
  "app/(admin)/admin/catalogue/actions.ts#refreshPlansAction": { role: "operator" },
  "app/(admin)/admin/catalogue/actions.ts#updateOfferAction": {
    role: "owner",
    form: { offerId: "contoso-analytics" },
    page: "/admin/catalogue/contoso-analytics",
  },
  // Turning self-service off would be a change other specs see: "yes" is no checkbox value and fails validation.
  "app/(admin)/admin/catalogue/actions.ts#updateSelfServiceAction": {
    role: "owner",
    form: { offerId: "contoso-analytics", changeSeats: "yes" },
    page: "/admin/catalogue/contoso-analytics",
  },
  "app/(admin)/admin/catalogue/actions.ts#updatePlanAction": {
    role: "owner",
    form: { offerId: "contoso-analytics", planId: "starter" },
    page: "/admin/catalogue/contoso-analytics",
  },
  "app/(admin)/admin/catalogue/actions.ts#addFieldAction": {
    role: "owner",
    form: { offerId: "contoso-analytics", label: "Matrix question" },
    page: "/admin/catalogue/contoso-analytics",
  },
  "app/(admin)/admin/catalogue/actions.ts#editFieldAction": {
    role: "owner",
    form: { fieldId: "{unknown}", label: "Matrix question" },
    page: "/admin/catalogue/contoso-analytics",
  },
  "app/(admin)/admin/catalogue/actions.ts#removeFieldAction": {
    role: "owner",
    form: { fieldId: "{unknown}" },
    page: "/admin/catalogue/contoso-analytics",
  },
  "app/(admin)/admin/catalogue/actions.ts#moveFieldAction": {
    role: "owner",
    form: { fieldId: "{unknown}", direction: "up" },
    page: "/admin/catalogue/contoso-analytics",
  },
  // A brand is a change other specs see (every buyer page shows it): a colour that is no colour fails validation after the role check.
  "app/(admin)/admin/catalogue/actions.ts#updateBrandAction": {
    role: "owner",
    form: { scope: "contoso-analytics", accentColor: "matrix" },
    page: "/admin/catalogue/contoso-analytics",
  },
  // Notifications: owners only. Channels and rules would be changes other specs see: their forms fail validation after the role check.
  "app/(admin)/admin/notifications/actions.ts#createChannelAction": { role: "owner", form: { kind: "email", name: "" } },
  "app/(admin)/admin/notifications/actions.ts#removeChannelAction": { role: "owner", form: { id: "{unknown}" } },
  "app/(admin)/admin/notifications/actions.ts#sendTestNotificationAction": { role: "owner", form: { id: "{unknown}" } },
  "app/(admin)/admin/notifications/actions.ts#createRuleAction": { role: "owner", form: { channelId: "{unknown}", eventTypes: [] } },
  "app/(admin)/admin/notifications/actions.ts#removeRuleAction": { role: "owner", form: { id: "{unknown}" } },
  "app/(admin)/admin/notifications/actions.ts#saveTemplateAction": { role: "owner", form: { eventType: "matrix.unknown" } },
  "app/(admin)/admin/notifications/actions.ts#previewTemplateAction": { role: "owner", form: { eventType: "subscription.activated" } },
  "app/(admin)/admin/notifications/actions.ts#replayNotificationAction": { role: "owner", form: { deliveryId: "{unknown}" } },
  "app/(admin)/admin/operations/actions.ts#replayInboxAction": { role: "operator", form: { inboxId: "{unknown}" } },
  "app/(admin)/admin/outbound/actions.ts#createEndpointAction": {
    role: "owner",
    form: { url: "http://127.0.0.1:9/matrix", eventTypes: [] },
  },
  "app/(admin)/admin/outbound/actions.ts#updateEndpointAction": {
    role: "owner",
    form: { id: "{endpoint}", url: "http://127.0.0.1:9/changed", eventTypes: ["subscription.activated"] },
  },
  "app/(admin)/admin/outbound/actions.ts#setEndpointEnabledAction": {
    role: "owner",
    form: { id: "{endpoint}" },
    page: "/admin/outbound/{endpoint}",
  },
  "app/(admin)/admin/outbound/actions.ts#revealSecretAction": {
    role: "owner",
    form: { id: "{endpoint}" },
    page: "/admin/outbound/{endpoint}",
  },
  "app/(admin)/admin/outbound/actions.ts#rotateSecretAction": {
    role: "owner",
    form: { id: "{endpoint}" },
    page: "/admin/outbound/{endpoint}",
  },
  "app/(admin)/admin/outbound/actions.ts#sendTestEventAction": {
    role: "operator",
    form: { id: "{endpoint}" },
    page: "/admin/outbound/{endpoint}",
  },
  "app/(admin)/admin/outbound/actions.ts#replayDeliveryAction": {
    role: "operator",
    form: { deliveryId: "{unknown}" },
    page: "/admin/outbound/deliveries/{unknown}",
  },
  "app/(admin)/admin/outbound/actions.ts#deleteEndpointAction": {
    role: "owner",
    form: { id: "{endpoint}" },
    page: "/admin/outbound/{endpoint}",
    last: true,
  },
  "app/(admin)/admin/settings/actions.ts#checkConnectionAction": { role: "owner" },
  "app/(admin)/admin/settings/actions.ts#runDoctorAction": { role: "owner" },
  "app/(admin)/admin/settings/actions.ts#updateSyncIntervalAction": { role: "owner", form: { intervalMinutes: "-5" } },
  "app/(admin)/admin/settings/actions.ts#updateAutoHealDriftAction": { role: "owner", form: { autoHealDrift: "maybe" } },
  "app/(admin)/admin/staff/actions.ts#addStaffAction": { role: "owner", form: { email: "added-by-matrix@isv.example", role: "matrix" } },
  "app/(admin)/admin/staff/actions.ts#changeStaffRoleAction": { role: "owner", form: { id: "{staffMember}", role: "owner" } },
  "app/(admin)/admin/staff/actions.ts#removeStaffAction": { role: "owner", form: { id: "{staffMember}" }, last: true },
  "app/(admin)/admin/subscriptions/[id]/actions.ts#approveSubscriptionAction": {
    role: "operator",
    form: { subscriptionId: "{pendingSubscription}" },
    page: "/admin/subscriptions/{pendingSubscription}",
  },
  "app/(admin)/admin/subscriptions/[id]/actions.ts#changePlanAction": {
    role: "operator",
    form: { subscriptionId: "{subscription}", planId: "professional", customerApproved: "on" },
    page: "/admin/subscriptions/{subscription}",
  },
  "app/(admin)/admin/subscriptions/[id]/actions.ts#changeQuantityAction": {
    role: "operator",
    form: { subscriptionId: "{seatSubscription}", quantity: "7", customerApproved: "on" },
    page: "/admin/subscriptions/{seatSubscription}",
  },
  "app/(admin)/admin/subscriptions/[id]/actions.ts#cancelSubscriptionAction": {
    role: "operator",
    form: { subscriptionId: "{subscription}", reason: "authorization matrix" },
    page: "/admin/subscriptions/{subscription}",
    last: true,
  },
  // Without `confirm` manual posting only previews (the flat-rate plan has no dimension anyway); an empty import is refused as input.
  "app/(admin)/admin/usage/actions.ts#postUsageAction": {
    role: "operator",
    form: { subscriptionId: "{subscription}", dimension: "api-calls", quantity: "1", hour: "2026-01-01T00:00" },
    page: "/admin/subscriptions/{subscription}",
  },
  "app/(admin)/admin/usage/actions.ts#importUsageAction": { role: "operator", form: { csv: "" } },
  "app/(admin)/admin/usage/actions.ts#createUsageScheduleAction": {
    role: "operator",
    form: { subscriptionId: "{subscription}", dimension: "api-calls", quantity: "1", cadence: "daily", startsAt: "2026-01-01T00:00" },
    page: "/admin/subscriptions/{subscription}",
  },
  "app/(admin)/admin/usage/actions.ts#endUsageScheduleAction": {
    role: "operator",
    form: { subscriptionId: "{subscription}", scheduleId: "{unknown}" },
    page: "/admin/subscriptions/{subscription}",
  },
  "app/(admin)/admin/sync/actions.ts#startSyncAction": { role: "operator" },
  "app/(admin)/admin/sync/actions.ts#acceptDriftAction": { role: "operator", form: { subscriptionId: "{subscription}" } },
  "app/(admin)/admin/sync/actions.ts#acceptAllDriftAction": { role: "operator", form: { confirm: "on" } },
  // After the other `last` entries: it empties Microsoft's side, which they still need.
  "app/(dev)/simulator/actions.ts#resetAction": { role: "anonymous", last: true },
};

export const routes: Record<string, RouteEntry> = {
  "GET /admin/audit/export": { role: "viewer" },
  "GET /admin/subscriptions/export": { role: "viewer" },
  // Server-sent events; `?once` ends the stream after its opening event, so the answer can be read whole.
  "GET /admin/live": { role: "viewer", url: "/admin/live?once" },
  "GET /admin/sync/runs": { role: "viewer" },
  "POST /admin/sync/runs": { role: "operator", json: {} },
  "GET /api/auth/[...nextauth]": { role: "anonymous", url: "/api/auth/session" },
  "POST /api/auth/[...nextauth]": { role: "anonymous", url: "/api/auth/session", json: {}, authjsCsrf: true },
  "POST /api/handoff": { role: "buyer", form: { subscription: "{subscription}" } },
  "GET /api/health": { role: "anonymous" },
  // Logos are as public as the buyer pages that show them; an unknown one is 404 whoever asks.
  "GET /brand/logo/[hash]": { role: "anonymous", url: "/brand/logo/{unknown}", sameForAll: 404 },
  // Probes of load balancers and orchestrators: no session, nothing secret in the answer.
  "GET /api/health/live": { role: "anonymous" },
  "GET /api/health/ready": { role: "anonymous" },
  // /api/v1 authenticates with API keys, never a session: without a key every caller gets 401.
  "POST /api/v1/usage": { role: "anonymous", json: { events: [] }, sameForAll: 401 },
  "GET /api/v1/usage": { role: "anonymous", url: "/api/v1/usage?subscriptionId={subscription}", sameForAll: 401 },
  "GET /api/v1/subscriptions": { role: "anonymous", sameForAll: 401 },
  "GET /api/v1/subscriptions/[id]": { role: "anonymous", url: "/api/v1/subscriptions/{subscription}", sameForAll: 401 },
  "GET /api/v1/openapi.json": { role: "anonymous" },
  // Prometheus's scrape endpoint takes METRICS_TOKEN (set for this run) as a bearer token, never a session.
  "GET /api/metrics": { role: "anonymous", sameForAll: 401 },
  // Microsoft's webhook authenticates with its bearer token: no portal session opens it.
  "POST /api/webhook": { role: "anonymous", json: {}, sameForAll: 401 },
  // The simulator's API stands in for Microsoft (its own tokens), only in simulator mode.
  "GET /api/simulator/[...path]": { role: "anonymous", url: "/api/simulator/_sim/config" },
  "POST /api/simulator/[...path]": { role: "anonymous", url: "/api/simulator/_sim/matrix-unknown", json: {} },
  "PATCH /api/simulator/[...path]": { role: "anonymous", url: "/api/simulator/_sim/matrix-unknown", json: {} },
  "PUT /api/simulator/[...path]": { role: "anonymous", url: "/api/simulator/_sim/matrix-unknown", json: {} },
  "DELETE /api/simulator/[...path]": { role: "anonymous", url: "/api/simulator/_sim/matrix-unknown" },
};
