import "server-only";

/**
 * What `/sign-in?error=` may say. Auth.js redirects to the sign-in page with `error` set to an
 * error type (Auth.js v5 passes only its client-safe types through, everything else becomes
 * `Configuration`: https://authjs.dev/reference/core/errors), but anyone can put any text in the
 * query string, so the page shows a message of its own for a known type and a generic one
 * otherwise — never the parameter itself.
 */
const GENERIC = "Sign-in did not complete. Please try again.";

const MESSAGES: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    // Auth.js v5 client-safe types, and Configuration for every other server-side failure.
    Configuration: "Sign-in is not available right now because of a problem on our side. Please try again later.",
    AccessDenied:
      "Access was denied. You may have declined the permissions the portal asks for, or your organisation does not allow this app.",
    OAuthCallbackError: "Microsoft did not complete the sign-in, or it was cancelled. Please try again.",
    OAuthAccountNotLinked: "This account is already linked to another sign-in. Use the account you signed in with before.",
    AccountNotLinked: "This account is already linked to another sign-in. Use the account you signed in with before.",
    Verification: "The sign-in link is no longer valid. It may have expired or been used already.",
    MissingCSRF: "The sign-in form expired. Please try again.",
    // Earlier Auth.js versions' names, still found in bookmarked links.
    OAuthSignin: "Sign-in with Microsoft could not be started. Please try again.",
    OAuthCallback: "Microsoft did not complete the sign-in, or it was cancelled. Please try again.",
    Callback: GENERIC,
    SessionRequired: "Please sign in to see that page.",
    Default: GENERIC,
  }),
);

/** The message for an `error` query parameter, or null when there is none. */
export function signInErrorMessage(code: string | string[] | undefined): string | null {
  const key = Array.isArray(code) ? code[0] : code;
  if (!key) return null;
  return MESSAGES[key] ?? GENERIC;
}
