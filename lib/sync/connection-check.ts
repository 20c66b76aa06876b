import "server-only";
import { readFileSync } from "node:fs";
import { decodeJwt } from "jose";
import type { Env } from "@/lib/env";
import { createMarketplaceClient, createMsalTokenProvider, isMarketplaceApiError, type TokenProvider } from "@/lib/marketplace";

export interface TokenCheck {
  ok: boolean;
  /** Why no token was asked for (Microsoft's emulator takes none). */
  skipped?: string;
  durationMs?: number;
  audience?: string;
  tenantId?: string;
  appId?: string;
  expiresAt?: string;
  error?: string;
}

export interface CallCheck {
  ok: boolean;
  skipped?: string;
  status?: number;
  durationMs?: number;
  /** The x-ms-requestid Microsoft answered with (or the one sent): support asks for it. */
  requestId?: string;
  correlationId: string;
  subscriptionsOnFirstPage?: number;
  morePages?: boolean;
  error?: string;
}

export interface ConnectionReport {
  mode: Env["marketplace"]["mode"];
  apiBaseUrl: string;
  checkedAt: string;
  token: TokenCheck;
  call: CallCheck;
}

/** The same client credentials the portal's client uses, built afresh so the check never reads a cached token. */
export function tokenProviderFor(env: Env): TokenProvider | null {
  const m = env.marketplace;
  if (m.mode === "emulator" || !m.credential) return null;
  const credential =
    m.credential.kind === "secret"
      ? m.credential
      : {
          kind: "certificate" as const,
          privateKeyPem: readFileSync(m.credential.privateKeyPath, "utf8"),
          thumbprint: m.credential.thumbprint,
        };
  return createMsalTokenProvider({
    tenantId: m.tenantId,
    clientId: m.clientId,
    credential,
    simulatorOrigin: m.simulatorOrigin ?? undefined,
  });
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function checkToken(tokens: TokenProvider | null): Promise<TokenCheck> {
  if (!tokens) return { ok: true, skipped: "Microsoft's emulator is called without a token." };
  const started = performance.now();
  try {
    const token = await tokens.getToken();
    // Our own token, just issued by Entra ID: decoded to show what it is for, not to trust it.
    const claims = decodeJwt(token);
    const aud = Array.isArray(claims.aud) ? claims.aud.join(" ") : claims.aud;
    const appId = (claims.appid ?? claims.azp) as string | undefined;
    return {
      ok: true,
      durationMs: Math.round(performance.now() - started),
      audience: aud,
      tenantId: claims.tid as string | undefined,
      appId,
      expiresAt: claims.exp ? new Date(claims.exp * 1000).toISOString() : undefined,
    };
  } catch (err) {
    return { ok: false, durationMs: Math.round(performance.now() - started), error: message(err) };
  }
}

/**
 * On-demand check for the settings page: a fresh token, then one real, read-only call (the
 * first page of the subscription list) with the request ID Microsoft answered with.
 */
export async function checkMarketplaceConnection(
  env: Env,
  deps: { tokens?: TokenProvider | null; fetch?: typeof fetch } = {},
): Promise<ConnectionReport> {
  const tokens = deps.tokens === undefined ? tokenProviderFor(env) : deps.tokens;
  const correlationId = crypto.randomUUID();
  const report: ConnectionReport = {
    mode: env.marketplace.mode,
    apiBaseUrl: env.marketplace.apiBaseUrl,
    checkedAt: new Date().toISOString(),
    token: await checkToken(tokens),
    call: { ok: false, correlationId },
  };
  if (!report.token.ok) {
    report.call.skipped = "No token, so no call was made.";
    return report;
  }
  const seen: { sent?: string; answered?: string; status?: number } = {};
  const baseFetch = deps.fetch ?? globalThis.fetch.bind(globalThis);
  const recording: typeof fetch = async (input, init) => {
    seen.sent = new Headers(init?.headers).get("x-ms-requestid") ?? undefined;
    const res = await baseFetch(input, init);
    seen.status = res.status;
    seen.answered = res.headers.get("x-ms-requestid") ?? undefined;
    return res;
  };
  const started = performance.now();
  try {
    const client = createMarketplaceClient({
      baseUrl: env.marketplace.apiBaseUrl,
      getToken: tokens ? () => tokens.getToken() : undefined,
      publisherId: env.marketplace.mode === "emulator" ? (env.marketplace.publisherId ?? undefined) : undefined,
      fetch: recording,
      retry: { maxAttempts: 1 },
      timeoutMs: 10_000,
    });
    const page = await client.listSubscriptionsPage(undefined, { correlationId });
    report.call = {
      ...report.call,
      ok: true,
      subscriptionsOnFirstPage: page.subscriptions.length,
      morePages: Boolean(page.continuationToken),
    };
  } catch (err) {
    report.call.error = isMarketplaceApiError(err) ? `${err.code} (${err.status}): ${err.message}` : message(err);
  }
  report.call.durationMs = Math.round(performance.now() - started);
  report.call.status = seen.status;
  report.call.requestId = seen.answered ?? seen.sent;
  return report;
}
