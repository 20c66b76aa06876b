import "server-only";
import { log } from "@/lib/log";

/**
 * Auth.js errors that a caller's request causes (a forged or stale sign-in, an unknown `/api/auth/…`
 * path, Entra ID answering with an error), as opposed to the portal's own faults. They are answered
 * with the sign-in page's message; logged as warnings, one line each, without a stack. The rest are
 * logged as errors with their cause.
 * https://authjs.dev/reference/core/errors
 */
const CALLER_ERRORS = new Set([
  "AccessDenied",
  "CredentialsSignin",
  "InvalidCallbackUrl",
  "InvalidCheck",
  "MissingCSRF",
  "OAuthCallbackError",
  "OAuthAccountNotLinked",
  "UnknownAction",
  "Verification",
]);

/** Auth.js's `logger` option: its messages in the portal's log instead of its own console lines. */
export const authLogger = {
  error(error: Error) {
    // Auth.js's errors carry their kind in `type` (AuthError from @auth/core, which next-auth wraps).
    const kind = (error as { type?: unknown }).type;
    const type = typeof kind === "string" ? kind : error.name;
    if (CALLER_ERRORS.has(type)) {
      log.warn({ authError: type, reason: error.message.replace(/\. Read more at .*$/, "") }, "sign-in: request refused");
      return;
    }
    const cause = (error as { cause?: unknown }).cause;
    const err = cause && typeof cause === "object" && "err" in cause && cause.err instanceof Error ? cause.err : error;
    log.error({ authError: type, err }, "sign-in: Auth.js error");
  },
  warn(code: string) {
    log.warn({ authWarning: code }, "sign-in: Auth.js warning (https://warnings.authjs.dev)");
  },
  debug() {},
};
