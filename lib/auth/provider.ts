import "server-only";
import { customFetch } from "next-auth";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import { SIMULATOR_LOGIN_HOST, type Env } from "@/lib/env";

export interface EntraProfile {
  sub: string;
  oid?: string;
  tid?: string;
  name?: string;
  email?: string;
  preferred_username?: string;
}

type FetchArgs = Parameters<typeof fetch>;

/**
 * The Microsoft Entra ID provider, pointed at Entra (multi-tenant, personal accounts allowed) or
 * at the simulator's identity provider. The code path is the same: only the issuer differs, and
 * for the simulator its https look-alike host is rewritten to the simulator's real http origin.
 */
export function entraProvider(env: Env) {
  const provider = MicrosoftEntraID({
    clientId: env.auth.clientId,
    clientSecret: env.auth.clientSecret,
    issuer: env.auth.issuer,
    // Only minimal consent: admin-consent scopes would block non-admin buyers.
    authorization: { params: { scope: "openid profile email User.Read" } },
    // The default profile also fetches a photo from Microsoft Graph on every sign-in; we don't show it.
    profile(profile: EntraProfile) {
      return {
        id: profile.oid ?? profile.sub,
        name: profile.name ?? null,
        email: (profile.email ?? profile.preferred_username ?? "").toLowerCase() || null,
      };
    },
  });
  const origin = env.auth.simulatorOrigin;
  if (origin) {
    const entraFetch = (provider as unknown as Record<symbol, (...a: FetchArgs) => Promise<Response>>)[customFetch];
    const rewrite = (input: FetchArgs[0]): string => {
      const url = input instanceof Request ? input.url : input.toString();
      return url.startsWith(SIMULATOR_LOGIN_HOST) ? origin + url.slice(SIMULATOR_LOGIN_HOST.length) : url;
    };
    Object.assign(provider, {
      [customFetch]: (input: FetchArgs[0], init?: FetchArgs[1]) =>
        entraFetch ? entraFetch(rewrite(input), init) : fetch(rewrite(input), init),
    });
  }
  return provider;
}
