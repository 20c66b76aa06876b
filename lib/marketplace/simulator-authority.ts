import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";

// MSAL refuses http:// authorities, so in simulator mode it is given an https look-alike
// host that it never resolves: discovery is pre-seeded and the network client below
// rewrites every request to the simulator's real origin.
export const SIMULATOR_AUTHORITY_HOST = "login.simulator.invalid";
const LOOKALIKE_ORIGIN = `https://${SIMULATOR_AUTHORITY_HOST}`;

export function simulatorAuthority(tenantId: string) {
  const root = `${LOOKALIKE_ORIGIN}/${tenantId}`;
  return {
    authority: root,
    knownAuthorities: [SIMULATOR_AUTHORITY_HOST],
    authorityMetadata: JSON.stringify({
      token_endpoint: `${root}/oauth2/v2.0/token`,
      authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${root}/oauth2/v2.0/logout`,
      issuer: `${root}/v2.0`,
      jwks_uri: `${root}/discovery/v2.0/keys`,
    }),
    cloudDiscoveryMetadata: JSON.stringify({
      tenant_discovery_endpoint: `${root}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [
        {
          preferred_network: SIMULATOR_AUTHORITY_HOST,
          preferred_cache: SIMULATOR_AUTHORITY_HOST,
          aliases: [SIMULATOR_AUTHORITY_HOST],
        },
      ],
    }),
  };
}

/** Rewrites the look-alike origin to `simulatorOrigin` (e.g. `http://127.0.0.1:3000/api/simulator`). */
export function rewriteToSimulator(url: string, simulatorOrigin: string): string {
  const target = simulatorOrigin.replace(/\/+$/, "");
  return url.startsWith(LOOKALIKE_ORIGIN) ? target + url.slice(LOOKALIKE_ORIGIN.length) : url;
}

export function simulatorNetworkClient(simulatorOrigin: string, fetchImpl: typeof fetch = fetch): INetworkModule {
  async function send<T>(method: "GET" | "POST", url: string, options?: NetworkRequestOptions, timeoutMs?: number) {
    const response = await fetchImpl(rewriteToSimulator(url, simulatorOrigin), {
      method,
      headers: options?.headers,
      body: method === "POST" ? (options?.body ?? "") : undefined,
      signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text === "" ? {} : JSON.parse(text);
    } catch {
      throw new Error(`Simulator token endpoint returned non-JSON (HTTP ${response.status})`);
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { headers, body: body as T, status: response.status } satisfies NetworkResponse<T>;
  }
  return {
    sendGetRequestAsync: (url, options, timeout) => send("GET", url, options, timeout),
    sendPostRequestAsync: (url, options) => send("POST", url, options),
  };
}
