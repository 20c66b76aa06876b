import "server-only";
import { ConfidentialClientApplication, type Configuration, type NodeAuthOptions } from "@azure/msal-node";
import { simulatorAuthority, simulatorNetworkClient } from "./simulator-authority";

/** The marketplace API's resource ID; the same token serves fulfillment and metering. */
export const MARKETPLACE_API_SCOPE = "20e940b3-4c77-4b0b-9a53-9e16a1b010a7/.default";

/** Refresh this long before expiry; Microsoft's tokens last about an hour. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export type MsalCredential =
  | { kind: "secret"; secret: string }
  /** PEM private key contents and the certificate's hex thumbprint (SHA-256, or legacy SHA-1). */
  | { kind: "certificate"; privateKeyPem: string; thumbprint: string };

export interface MsalTokenProviderOptions {
  tenantId: string;
  clientId: string;
  credential: MsalCredential;
  authorityHost?: string;
  /** Our simulator's origin, e.g. `http://127.0.0.1:3000/api/simulator`; switches to simulator mode. */
  simulatorOrigin?: string;
  /** Told of every token request to Entra ID (not of tokens served from this provider's cache): logs and metrics. */
  onAcquire?: (outcome: { result: "issued" | "cached" | "failed"; durationMs: number; error?: unknown }) => void;
}

export interface TokenProvider {
  getToken(): Promise<string>;
}

/** Client-credentials tokens for the app named in the offer's Technical configuration; one request in flight. */
export function createMsalTokenProvider(opts: MsalTokenProviderOptions, now: () => number = Date.now): TokenProvider {
  const app = new ConfidentialClientApplication(buildMsalConfiguration(opts));
  let cached: { token: string; refreshAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function acquire(): Promise<string> {
    const started = now();
    let result: Awaited<ReturnType<typeof app.acquireTokenByClientCredential>>;
    try {
      result = await app.acquireTokenByClientCredential({ scopes: [MARKETPLACE_API_SCOPE] });
      if (!result?.accessToken) throw new Error("Entra ID returned no access token for the marketplace API");
    } catch (error) {
      opts.onAcquire?.({ result: "failed", durationMs: now() - started, error });
      throw error;
    }
    opts.onAcquire?.({ result: result.fromCache ? "cached" : "issued", durationMs: now() - started });
    const expiresAt = result.expiresOn?.getTime() ?? now();
    cached = { token: result.accessToken, refreshAt: expiresAt - REFRESH_MARGIN_MS };
    return result.accessToken;
  }

  return {
    getToken() {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      inflight ??= acquire().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
  };
}

export function buildMsalConfiguration(opts: MsalTokenProviderOptions): Configuration {
  const credential = credentialOptions(opts.credential);
  if (opts.simulatorOrigin) {
    return {
      auth: { clientId: opts.clientId, ...credential, ...simulatorAuthority(opts.tenantId) },
      system: { networkClient: simulatorNetworkClient(opts.simulatorOrigin) },
    };
  }
  const host = (opts.authorityHost ?? "https://login.microsoftonline.com").replace(/\/+$/, "");
  return { auth: { clientId: opts.clientId, authority: `${host}/${opts.tenantId}`, ...credential } };
}

function credentialOptions(credential: MsalCredential): Pick<NodeAuthOptions, "clientSecret" | "clientCertificate"> {
  if (credential.kind === "secret") return { clientSecret: credential.secret };
  const thumbprint = credential.thumbprint.replace(/[\s:]/g, "");
  const privateKey = credential.privateKeyPem;
  // Entra ID accepts SHA-256 thumbprints (x5t#S256); SHA-1 is kept for older registrations.
  if (/^[0-9a-f]{64}$/i.test(thumbprint)) return { clientCertificate: { thumbprintSha256: thumbprint, privateKey } };
  if (/^[0-9a-f]{40}$/i.test(thumbprint)) return { clientCertificate: { thumbprint, privateKey } };
  throw new TypeError("Certificate thumbprint must be 40 (SHA-1) or 64 (SHA-256) hex characters");
}
