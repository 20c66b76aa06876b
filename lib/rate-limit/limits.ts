/**
 * The portal's abuse limits, per client address (lib/rate-limit/client-address.mjs) and fixed
 * one-minute windows, shared by every instance through the database (see ./store.ts).
 * Over a limit the caller gets 429 with Retry-After; pages say "Too many attempts" instead.
 */
export interface LimitSpec {
  /** Key prefix in the shared table, and the name in logs. */
  name: string;
  points: number;
  durationSeconds: number;
  /**
   * Refuse a key from this process's memory once its count reaches `points`, without asking the
   * store again until the window ends: for callers that may flood (unauthenticated webhook calls).
   */
  blockInMemory?: boolean;
}

/**
 * Landing-page resolves of purchase tokens the portal has not seen: each one costs a call to
 * Microsoft's resolve API. Revisits of a remembered token do not count.
 */
export const LANDING_RESOLVES_PER_MINUTE: LimitSpec = { name: "landing-resolve", points: 30, durationSeconds: 60 };

/** Sign-in starts (`/api/auth/signin/*`): each one mints state and PKCE cookies and sends the browser to Entra ID. */
export const SIGN_IN_STARTS_PER_MINUTE: LimitSpec = { name: "sign-in-start", points: 20, durationSeconds: 60 };

/**
 * Webhook calls that fail authentication. Authenticated calls are never counted nor checked, so
 * Microsoft's deliveries cost nothing here even from an address that is being refused.
 */
export const WEBHOOK_UNAUTHENTICATED_PER_MINUTE: LimitSpec = {
  name: "webhook-unauthenticated",
  points: 60,
  durationSeconds: 60,
  blockInMemory: true,
};

/** A buyer's own changes on /account (per signed-in user): each one calls Microsoft and starts an operation. */
export const SELF_SERVICE_CHANGES_PER_MINUTE: LimitSpec = { name: "self-service-change", points: 10, durationSeconds: 60 };
