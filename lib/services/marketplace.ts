import "server-only";
import { readFileSync } from "node:fs";
import { getEnv, type Env } from "@/lib/env";
import { annotateRequest, log } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import {
  createMarketplaceClient,
  createMsalTokenProvider,
  type MarketplaceClient,
  type MarketplaceLogger,
  type MsalCredential,
  type TokenProvider,
} from "@/lib/marketplace";

/** The shared Fulfillment/Metering client wired to this process's configuration, built once. */
const globalForClient = globalThis as unknown as { marketplaceClient?: MarketplaceClient; marketplaceTokens?: TokenProvider | null };

export function getMarketplaceClient(): MarketplaceClient {
  globalForClient.marketplaceClient ??= buildMarketplaceClient(getEnv(), { tokens: getMarketplaceTokenProvider() });
  return globalForClient.marketplaceClient;
}

/** The token provider the shared client uses (its cache included), or null in emulator mode, which takes no token. */
export function getMarketplaceTokenProvider(): TokenProvider | null {
  if (globalForClient.marketplaceTokens === undefined) globalForClient.marketplaceTokens = buildTokenProvider(getEnv());
  return globalForClient.marketplaceTokens;
}

function buildTokenProvider(env: Env): TokenProvider | null {
  const m = env.marketplace;
  if (m.mode === "emulator") return null;
  if (!m.credential) throw new Error(`marketplace mode ${m.mode} needs a credential`);
  const credential: MsalCredential =
    m.credential.kind === "secret"
      ? m.credential
      : { kind: "certificate", privateKeyPem: readFileSync(m.credential.privateKeyPath, "utf8"), thumbprint: m.credential.thumbprint };
  return createMsalTokenProvider({
    tenantId: m.tenantId,
    clientId: m.clientId,
    credential,
    simulatorOrigin: m.simulatorOrigin ?? undefined,
    onAcquire: ({ result, durationMs, error }) => {
      metrics().tokenAcquisitions.inc({ result });
      if (error) log.error({ err: error, durationMs, clientId: m.clientId }, "marketplace: could not obtain an access token");
      else log.debug({ result, durationMs }, "marketplace: access token acquired");
    },
  });
}

export function buildMarketplaceClient(
  env: Env,
  overrides: { fetch?: typeof fetch; tokens?: TokenProvider | null } = {},
): MarketplaceClient {
  const m = env.marketplace;
  const { tokens: shared, ...rest } = overrides;
  const logger = marketplaceCallObserver();
  if (m.mode === "emulator") {
    // Microsoft's emulator names the publisher by query parameter and wants no bearer token.
    return createMarketplaceClient({ baseUrl: m.apiBaseUrl, publisherId: m.publisherId ?? undefined, logger, ...rest });
  }
  const tokens = shared ?? buildTokenProvider(env);
  if (!tokens) throw new Error(`marketplace mode ${m.mode} needs a credential`);
  return createMarketplaceClient({ baseUrl: m.apiBaseUrl, getToken: () => tokens.getToken(), logger, ...rest });
}

type CallRecord = { operation?: string; status?: number; durationMs?: number; requestId?: string; correlationId?: string };

/**
 * Every attempt of every call to Microsoft: a log line (operation, status, duration, x-ms-requestid,
 * x-ms-correlationid), the call and latency series, and Microsoft's IDs on the current request's line.
 */
export function marketplaceCallObserver(): MarketplaceLogger {
  // Microsoft's IDs under their own names: `requestId` on a log line is the portal's request.
  const observe = ({ requestId, correlationId, ...rest }: CallRecord) => {
    const operation = rest.operation ?? "unknown";
    const m = metrics();
    m.marketplaceRequests.inc({ operation, status: String(rest.status ?? 0) });
    if (rest.durationMs !== undefined) m.marketplaceDuration.observe({ operation }, rest.durationMs / 1000);
    annotateRequest({ msRequestId: requestId, msCorrelationId: correlationId });
    return { ...rest, msRequestId: requestId, msCorrelationId: correlationId };
  };
  return {
    info: (obj, msg) => log.info(observe(obj as CallRecord), msg),
    warn: (obj, msg) => log.warn(observe(obj as CallRecord), msg),
  };
}
