/**
 * The one result shape of services: data, or a code. Services never write the words a person
 * reads; each surface turns codes into words in one table (lib/actions/admin-messages.ts for the
 * dashboard, lib/actions/buyer-messages.ts for the buyer pages). Throw only for bugs and outages.
 */

/** Codes any surface's action wrapper may answer with. */
export type CommonErrorCode = "unauthenticated" | "forbidden" | "invalid-input" | "unexpected";

/** Codes of the services behind the admin dashboard. */
export type AdminErrorCode =
  | "endpoint-not-found"
  | "delivery-not-found"
  | "delivery-in-flight"
  | "sync-running"
  | "staff-exists"
  | "staff-not-found"
  | "owner-pinned"
  | "last-owner"
  | "staff-self"
  | "offer-not-found"
  | "plan-not-found"
  | "field-not-found"
  | "plans-need-subscription"
  | "channel-not-found"
  | "rule-not-found";

/** Codes of the services behind the buyer pages. */
export type BuyerErrorCode =
  | "purchase-link-missing"
  | "purchase-unknown"
  | "subscription-unknown"
  | "self-service-off"
  | "change-not-allowed"
  | "change-busy"
  | "change-invalid"
  | "change-rejected"
  | "change-unavailable"
  | "change-unconfirmed"
  | "too-many-changes";

export type ErrorCode = CommonErrorCode | AdminErrorCode | BuyerErrorCode;

/** `fieldErrors`: per-field words for a form, keyed by the field's dotted path. */
export type ServiceFailure<C extends ErrorCode = ErrorCode> = { ok: false; code: C; fieldErrors?: Record<string, string> };
export type ServiceResult<T, C extends ErrorCode = ErrorCode> = { ok: true; data: T } | ServiceFailure<C>;

export const fail = <C extends ErrorCode>(code: C, fieldErrors?: Record<string, string>): ServiceFailure<C> =>
  fieldErrors ? { ok: false, code, fieldErrors } : { ok: false, code };
