import "server-only";
import type { Db } from "@/db/client";
import type { ApiKey, ApiKeyScope } from "@/db/schema";
import { authenticateApiKey, hasScope } from "@/lib/api-keys/authenticate";
import type { AbuseLimiter } from "@/lib/rate-limit";
import { problem } from "./http";

const CHALLENGE = 'Bearer realm="api", charset="UTF-8"';

/**
 * Authenticates the request's key and checks its scope and its rate limit. A 401 carries
 * WWW-Authenticate (RFC 6750 §3): with `error="invalid_token"` when a key was sent but is not (or no
 * longer) valid, without an error code when none was sent.
 */
export async function authorizeKey(db: Db, request: Request, scope: ApiKeyScope, limiter: AbuseLimiter | null): Promise<ApiKey | Response> {
  const auth = await authenticateApiKey(db, request.headers.get("authorization"));
  if (!auth.ok) {
    const challenge = auth.reason === "missing" ? CHALLENGE : `${CHALLENGE}, error="invalid_token"`;
    const detail =
      auth.reason === "missing"
        ? "Send an API key as `Authorization: Bearer <key>`."
        : `The API key is ${auth.reason === "malformed" || auth.reason === "unknown" ? "not valid" : auth.reason}.`;
    return problem(401, "Unauthorized", { detail, headers: { "www-authenticate": challenge } });
  }
  if (!hasScope(auth.key, scope)) {
    return problem(403, "Forbidden", {
      detail: `This API key lacks the ${scope} scope.`,
      headers: { "www-authenticate": `${CHALLENGE}, error="insufficient_scope", scope="${scope}"` },
    });
  }
  if (limiter) {
    const decision = await limiter.consume(auth.key.id);
    if (!decision.allowed) {
      return problem(429, "Too Many Requests", {
        detail: `This API key is over its limit of ${limiter.spec.points} requests a minute.`,
        headers: { "retry-after": String(decision.retryAfterSeconds) },
      });
    }
  }
  return auth.key;
}
