import { simulatorEndpoints, simulatorIssuer, simulatorLookAlikeEndpoints, type TokenVersion } from "./urls";

const CLAIMS_SUPPORTED = [
  "sub",
  "iss",
  "aud",
  "exp",
  "iat",
  "auth_time",
  "acr",
  "nonce",
  "preferred_username",
  "name",
  "tid",
  "ver",
  "email",
  "oid",
];

/** Like Entra, `common`/`organizations` publish a `{tenantid}` template that Auth.js fills in. */
function documentIssuer(tenant: string, multiTenant: boolean, version: TokenVersion): string {
  return simulatorIssuer(multiTenant ? "{tenantid}" : tenant, version);
}

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
    // Entra supports PKCE without advertising it; Auth.js would fall back to a nonce otherwise.
    code_challenge_methods_supported: ["S256", "plain"],
    tenant_region_scope: "EU",
    cloud_instance_name: "simulator.invalid",
    cloud_graph_host_name: "graph.simulator.invalid",
    msgraph_host: "graph.simulator.invalid",
  };
}

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
