import "server-only";

/**
 * What `/sign-in?error=` may say. Auth.js redirects to the sign-in page with `error` set to an
 * error type (Auth.js v5 passes only its client-safe types through, everything else becomes
 * `Configuration`: https://authjs.dev/reference/core/errors), but anyone can put any text in the
 * query string, so the page shows a message of its own for a known type and a generic one
 * otherwise — never the parameter itself. The words are the `SignIn.errors` messages.
 */
export type SignInErrorKey =
  | "Configuration"
  | "AccessDenied"
  | "OAuthCallbackError"
  | "AccountNotLinked"
  | "Verification"
  | "MissingCSRF"
  | "OAuthSignin"
  | "SessionRequired"
  | "generic";

const KEYS: Readonly<Record<string, SignInErrorKey>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, SignInErrorKey>, {
    // Auth.js v5 client-safe types, and Configuration for every other server-side failure.
    Configuration: "Configuration",
    AccessDenied: "AccessDenied",
    OAuthCallbackError: "OAuthCallbackError",
    OAuthAccountNotLinked: "AccountNotLinked",
    AccountNotLinked: "AccountNotLinked",
    Verification: "Verification",
    MissingCSRF: "MissingCSRF",
    // Earlier Auth.js versions' names, still found in bookmarked links.
    OAuthSignin: "OAuthSignin",
    OAuthCallback: "OAuthCallbackError",
    Callback: "generic",
    SessionRequired: "SessionRequired",
    Default: "generic",
  }),
);

/** The message key for an `error` query parameter, or null when there is none. */
export function signInErrorKey(code: string | string[] | undefined): SignInErrorKey | null {
  const key = Array.isArray(code) ? code[0] : code;
  if (!key) return null;
  return KEYS[key] ?? "generic";
}
