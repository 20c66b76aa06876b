import "server-only";
import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { z } from "zod";

// Microsoft's webhook calls carry an Entra ID bearer JWT (https://learn.microsoft.com/en-us/partner-center/marketplace-offers/pc-saas-fulfillment-webhook);
// its claims mean nothing unless the signature is checked.
export interface WebhookAuthConfig {
  audience: string;
  tenantId: string;
  allowedAppIds: string[];
  openIdConfigurationUrl: string;
  issuers: string[];
  authDisabled?: boolean;
}

/**
 * The clock skew accepted on a webhook token's `exp` and `nbf`, in seconds. Entra's tokens live
 * for an hour, so a minute covers NTP-synchronised clocks without keeping a captured token useful
 * for long after it expired. Options may narrow it, never widen it.
 */
export const WEBHOOK_CLOCK_SKEW_SECONDS = 60;

export interface WebhookVerifierOptions {
  getKey?: JWTVerifyGetKey;
  fetch?: typeof fetch;
  /** At most WEBHOOK_CLOCK_SKEW_SECONDS; a larger value is capped. */
  clockToleranceSeconds?: number;
  discoveryTtlMs?: number;
  jwksCooldownMs?: number;
  currentDate?: () => Date;
}

export interface WebhookClaims {
  tid: string;
  callerAppId: string;
  issuer: string;
  version: "v1" | "v2";
}

export type WebhookAuthResult =
  | { ok: true; claims: WebhookClaims | null }
  /** 401 for a bad or missing token; 503 when the signing keys could not be fetched (Microsoft retries). */
  | { ok: false; status: 401 | 503; reason: string };

export type WebhookVerifier = (authorization: string | null) => Promise<WebhookAuthResult>;

const discoverySchema = z.looseObject({ jwks_uri: z.url({ protocol: /^https?$/ }) });
const claimsSchema = z.looseObject({
  tid: z.string().min(1),
  iss: z.string(),
  azp: z.string().optional(),
  appid: z.string().optional(),
});

class KeySourceUnavailable extends Error {}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function discoveredKeySource(config: WebhookAuthConfig, options: WebhookVerifierOptions): JWTVerifyGetKey {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const ttl = options.discoveryTtlMs ?? 24 * 60 * 60 * 1000;
  let cached: { keys: JWTVerifyGetKey; until: number } | undefined;
  let pending: Promise<JWTVerifyGetKey> | undefined;

  async function discover(): Promise<JWTVerifyGetKey> {
    const res = await doFetch(config.openIdConfigurationUrl, {
      signal: AbortSignal.timeout(5000),
      headers: { accept: "application/json" },
    });
    if (!res.ok) throw new Error(`OpenID configuration answered ${res.status}`);
    const { jwks_uri } = discoverySchema.parse(await res.json());
    // createRemoteJWKSet caches the key set and refetches on an unknown kid, at most once per cooldown.
    const keys = createRemoteJWKSet(new URL(jwks_uri), {
      timeoutDuration: 5000,
      cooldownDuration: options.jwksCooldownMs ?? 30_000,
      cacheMaxAge: 60 * 60 * 1000,
      [customFetch]: (url, init) => doFetch(url, init),
    });
    cached = { keys, until: Date.now() + ttl };
    return keys;
  }

  return async (header, token) => {
    let keys: JWTVerifyGetKey;
    try {
      if (cached && cached.until > Date.now()) keys = cached.keys;
      else keys = await (pending ??= discover().finally(() => (pending = undefined)));
    } catch (err) {
      throw new KeySourceUnavailable(`signing-key discovery failed: ${(err as Error).message}`);
    }
    try {
      return await keys(header, token);
    } catch (err) {
      if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) throw err;
      throw new KeySourceUnavailable(`signing keys unavailable: ${(err as Error).message}`);
    }
  };
}

function bearerToken(authorization: string | null): string | null {
  const match = authorization?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i);
  return match?.[1] ?? null;
}

export function createWebhookVerifier(config: WebhookAuthConfig, options: WebhookVerifierOptions = {}): WebhookVerifier {
  if (config.authDisabled) return async () => ({ ok: true, claims: null });
  const getKey = options.getKey ?? discoveredKeySource(config, options);

  return async (authorization) => {
    const token = bearerToken(authorization);
    if (!token) return { ok: false, status: 401, reason: "no bearer token" };
    try {
      const { payload } = await jwtVerify(token, getKey, {
        // Entra signs access tokens with RS256 only; never accept `none` or an HMAC algorithm.
        algorithms: ["RS256"],
        audience: config.audience,
        issuer: config.issuers,
        clockTolerance: Math.min(options.clockToleranceSeconds ?? WEBHOOK_CLOCK_SKEW_SECONDS, WEBHOOK_CLOCK_SKEW_SECONDS),
        requiredClaims: ["exp", "tid"],
        currentDate: options.currentDate?.(),
      });
      const claims = claimsSchema.parse(payload);
      if (!sameId(claims.tid, config.tenantId)) return { ok: false, status: 401, reason: `tid ${claims.tid} is not our tenant` };
      // v2 tokens name the caller `azp`, v1 tokens `appid`; real tokens have been seen in both shapes.
      const caller = claims.azp ?? claims.appid;
      if (!caller || !config.allowedAppIds.some((id) => sameId(id, caller))) {
        return { ok: false, status: 401, reason: `caller app ${caller ?? "(none)"} is not allowed` };
      }
      return {
        ok: true,
        claims: { tid: claims.tid, callerAppId: caller, issuer: claims.iss, version: claims.azp ? "v2" : "v1" },
      };
    } catch (err) {
      if (err instanceof KeySourceUnavailable) return { ok: false, status: 503, reason: err.message };
      const code = err instanceof errors.JOSEError ? err.code : err instanceof z.ZodError ? "invalid claims" : "error";
      return { ok: false, status: 401, reason: `${code}: ${(err as Error).message}` };
    }
  };
}
