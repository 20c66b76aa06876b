import "server-only";
import { readFileSync } from "node:fs";
import { getEnv, type Env } from "@/lib/env";
import {
  createMarketplaceClient,
  createMsalTokenProvider,
  type MarketplaceClient,
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
  });
}

export function buildMarketplaceClient(
  env: Env,
  overrides: { fetch?: typeof fetch; tokens?: TokenProvider | null } = {},
): MarketplaceClient {
  const m = env.marketplace;
  const { tokens: shared, ...rest } = overrides;
  const logger = {
    // Every call is logged in development; in production only retries and failures.
    info: (obj: object, msg: string) => void (env.nodeEnv === "development" && console.info(msg, JSON.stringify(obj))),
    warn: (obj: object, msg: string) => console.warn(msg, JSON.stringify(obj)),
  };
  if (m.mode === "emulator") {
    // Microsoft's emulator names the publisher by query parameter and wants no bearer token.
    return createMarketplaceClient({ baseUrl: m.apiBaseUrl, publisherId: m.publisherId ?? undefined, logger, ...rest });
  }
  const tokens = shared ?? buildTokenProvider(env);
  if (!tokens) throw new Error(`marketplace mode ${m.mode} needs a credential`);
  return createMarketplaceClient({ baseUrl: m.apiBaseUrl, getToken: () => tokens.getToken(), logger, ...rest });
}
