import { simulatorOptions } from "../options";
import { SIMULATOR_LOGIN_HOST } from "../constants";

export { MARKETPLACE_APP_ID, SIMULATOR_LOGIN_HOST } from "../constants";

export const MULTI_TENANT_AUTHORITIES = ["common", "organizations"] as const;
export type MultiTenantAuthority = (typeof MULTI_TENANT_AUTHORITIES)[number];
export type TokenVersion = "v1" | "v2";

export const SIMULATOR_STS_HOST = SIMULATOR_LOGIN_HOST.replace("://login.", "://sts.");

/** Issuers are identifiers on the https look-alike hosts: MSAL and Auth.js refuse http issuers. */
export function simulatorIssuer(tenant: string, version: TokenVersion = "v2"): string {
  return version === "v2" ? `${SIMULATOR_LOGIN_HOST}/${tenant}/v2.0` : `${SIMULATOR_STS_HOST}/${tenant}/`;
}

export function simulatorBaseUrl(origin?: string): string {
  return `${(origin ?? simulatorOptions().portalOrigin).replace(/\/+$/, "")}/api/simulator`;
}

/** Entra's endpoint layout on the real origin, which browsers and plain `fetch` can reach. */
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

export function simulatorLookAlikeAuthority(tenant: string): string {
  return `${SIMULATOR_LOGIN_HOST}/${tenant}`;
}

/** Server-only endpoints stay on the look-alike host: MSAL rewrites their first path segment to the tenant. */
export function simulatorLookAlikeEndpoints(tenant: string) {
  const authority = simulatorLookAlikeAuthority(tenant);
  return {
    token: `${authority}/oauth2/v2.0/token`,
    tokenV1: `${authority}/oauth2/token`,
    userinfo: `${authority}/oidc/userinfo`,
  };
}

export function portalOrigin(origin?: string): string {
  return (origin ?? simulatorOptions().portalOrigin).replace(/\/+$/, "");
}
