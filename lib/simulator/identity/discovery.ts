import { simulatorEndpoints, simulatorIssuer, simulatorLookAlikeEndpoints, type TokenVersion } from "./urls";

const CLAIMS_SUPPORTED = [
  "sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "nonce",
  "preferred_username", "name", "tid", "ver", "email", "oid",
];

/**
 * Browsers follow `authorization_endpoint` and `end_session_endpoint`, and the portal's webhook
 * verifier fetches `jwks_uri` with plain fetch, so those point at the real origin; the token and
 * userinfo endpoints are called by servers through a rewriting client, on the look-alike host.
 *
 * Issuer as Entra's discovery documents state it: a tenant's own issuer, or for `common` and
 * `organizations` a `{tenantid}` template (Auth.js's Entra provider fills it in, then re-reads
 * the document of the tenant named in the ID token).
 */
function documentIssuer(tenant: string, multiTenant: boolean, version: TokenVersion): string {
  return simulatorIssuer(multiTenant ? "{tenantid}" : tenant, version);
}

/** `GET /{tenant}/v2.0/.well-known/openid-configuration`. */
export function openIdConfigurationV2(tenant: string, multiTenant: boolean, origin: string) {
  const e = simulatorEndpoints(tenant, origin);
  const server = simulatorLookAlikeEndpoints(tenant);
  return {
    token_endpoint: server.token,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: e.jwks,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: documentIssuer(tenant, multiTenant, "v2"),
    request_uri_parameter_supported: false,
    userinfo_endpoint: server.userinfo,
    authorization_endpoint: e.authorize,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: e.logout,
    claims_supported: CLAIMS_SUPPORTED,
    // Entra supports PKCE without advertising it; advertising it keeps Auth.js on PKCE rather
    // than falling back to a nonce, which is the flow the simulator checks.
    code_challenge_methods_supported: ["S256", "plain"],
    tenant_region_scope: "EU",
    cloud_instance_name: "simulator.invalid",
    cloud_graph_host_name: "graph.simulator.invalid",
    msgraph_host: "graph.simulator.invalid",
  };
}

/** `GET /{tenant}/.well-known/openid-configuration`: the v1 endpoints and the sts-style issuer. */
export function openIdConfigurationV1(tenant: string, multiTenant: boolean, origin: string) {
  const e = simulatorEndpoints(tenant, origin);
  return {
    token_endpoint: simulatorLookAlikeEndpoints(tenant).tokenV1,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: e.jwksV1,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code"],
    scopes_supported: ["openid"],
    issuer: documentIssuer(tenant, multiTenant, "v1"),
    microsoft_multi_refresh_token: true,
    authorization_endpoint: e.authorizeV1,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: e.logoutV1,
    claims_supported: CLAIMS_SUPPORTED,
    tenant_region_scope: "EU",
    cloud_instance_name: "simulator.invalid",
    cloud_graph_host_name: "graph.simulator.invalid",
    msgraph_host: "graph.simulator.invalid",
  };
}
