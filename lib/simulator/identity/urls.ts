import { getEnv, SIMULATOR_LOGIN_HOST } from "@/lib/env";

export { MARKETPLACE_APP_ID, SIMULATOR_LOGIN_HOST } from "@/lib/env";

/** Authorities that are not a tenant: any work account (and, for `common`, personal ones) signs in. */
export const MULTI_TENANT_AUTHORITIES = ["common", "organizations"] as const;
export type MultiTenantAuthority = (typeof MULTI_TENANT_AUTHORITIES)[number];
export type TokenVersion = "v1" | "v2";

/** Look-alike of https://sts.windows.net, the host of Entra's v1 issuers. */
export const SIMULATOR_STS_HOST = SIMULATOR_LOGIN_HOST.replace("://login.", "://sts.");

/**
 * Issuer of a tenant's tokens. Issuers are identifiers, not addresses: they use the https
 * look-alike host because MSAL and Auth.js refuse http issuers (the same values `lib/env.ts`
 * accepts on webhook tokens). v2 mirrors `https://login.microsoftonline.com/{tid}/v2.0`,
 * v1 mirrors `https://sts.windows.net/{tid}/`.
 */
export function simulatorIssuer(tenant: string, version: TokenVersion = "v2"): string {
  return version === "v2" ? `${SIMULATOR_LOGIN_HOST}/${tenant}/v2.0` : `${SIMULATOR_STS_HOST}/${tenant}/`;
}

/** Where the look-alike is really served: `{publicBaseUrl}/api/simulator`. */
export function simulatorBaseUrl(origin?: string): string {
  return `${(origin ?? getEnv().publicBaseUrl).replace(/\/+$/, "")}/api/simulator`;
}

/**
 * The endpoints of an authority, laid out as Entra's. They point at the real origin: browsers
 * must reach the authorize endpoint, and plain `fetch` (the portal's webhook verifier) the JWKS;
 * clients that rewrite the look-alike host leave these URLs alone.
 */
export function simulatorEndpoints(tenant: string, origin?: string) {
  const authority = `${simulatorBaseUrl(origin)}/${tenant}`;
  return {
    authority,
    openIdConfiguration: `${authority}/v2.0/.well-known/openid-configuration`,
    openIdConfigurationV1: `${authority}/.well-known/openid-configuration`,
    authorize: `${authority}/oauth2/v2.0/authorize`,
    authorizeV1: `${authority}/oauth2/authorize`,
    token: `${authority}/oauth2/v2.0/token`,
    tokenV1: `${authority}/oauth2/token`,
    jwks: `${authority}/discovery/v2.0/keys`,
    jwksV1: `${authority}/discovery/keys`,
    logout: `${authority}/oauth2/v2.0/logout`,
    logoutV1: `${authority}/oauth2/logout`,
    userinfo: `${authority}/oidc/userinfo`,
    login: `${authority}/login`,
  };
}

/** The look-alike authority MSAL is given (`https://login.simulator.invalid/{tenant}`). */
export function simulatorLookAlikeAuthority(tenant: string): string {
  return `${SIMULATOR_LOGIN_HOST}/${tenant}`;
}

/**
 * Endpoints that only servers call, through a client that rewrites the look-alike host (MSAL's
 * network client, Auth.js's custom fetch). They stay on the look-alike host with the tenant as
 * the first path segment, because MSAL rewrites that segment of every discovered endpoint.
 */
export function simulatorLookAlikeEndpoints(tenant: string) {
  const authority = simulatorLookAlikeAuthority(tenant);
  return {
    token: `${authority}/oauth2/v2.0/token`,
    tokenV1: `${authority}/oauth2/token`,
    userinfo: `${authority}/oidc/userinfo`,
  };
}

/** The portal's own origin: sign-in may only redirect back there. */
export function portalOrigin(origin?: string): string {
  return (origin ?? getEnv().publicBaseUrl).replace(/\/+$/, "");
}
