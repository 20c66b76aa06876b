import { handleAuthorize, handleLogin, handleLogout, isValidAuthority } from "./authorize";
import { simulatorOptions } from "../options";
import { resolveContext, type IdentityContext, type IdentityOptions } from "./context";
import { isMultiTenantAuthority } from "./directory";
import { openIdConfigurationV1, openIdConfigurationV2 } from "./discovery";
import { getJwks } from "./keys";
import { SimHttpError } from "../http";
import { jsonResponse } from "./responses";
import { handleTokenRequest } from "./token-endpoint";
import { handleUserInfo } from "./userinfo";

export { verifyPublisherToken, verifySimulatorJwt } from "./verify";
export { getJwks, getSigningKey, type SigningKey } from "./keys";
export { allPeople, allTenants, peopleForAuthority, staffPeople, ISV_TENANT } from "./directory";
export { REGISTERED_CLIENTS, type RegisteredClient } from "./clients";
export { openSignInRequest, type SignInRequest } from "./sign-in-request";
export { SIGN_IN_PAGE_PATH } from "./authorize";
export {
  MULTI_TENANT_AUTHORITIES,
  SIMULATOR_STS_HOST,
  simulatorBaseUrl,
  simulatorEndpoints,
  simulatorIssuer,
  simulatorLookAlikeAuthority,
  type TokenVersion,
} from "./urls";
export type { IdentityOptions } from "./context";

type Route = (request: Request, authority: string, ctx: IdentityContext) => Promise<Response> | Response;

// Cached for a while, as Entra's are: keys never change for a database.
const PUBLIC_CACHE = { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" };

function discoveryRoute(version: "v1" | "v2"): Route {
  return (_request, authority, ctx) => {
    if (!isValidAuthority(authority)) return invalidTenant(authority);
    const build = version === "v2" ? openIdConfigurationV2 : openIdConfigurationV1;
    return jsonResponse(build(authority, isMultiTenantAuthority(authority), ctx.origin), { headers: PUBLIC_CACHE });
  };
}

const jwksRoute: Route = async (_request, authority, ctx) => {
  if (!isValidAuthority(authority)) return invalidTenant(authority);
  return jsonResponse(await getJwks(ctx.db), { headers: PUBLIC_CACHE });
};

function invalidTenant(authority: string): Response {
  return jsonResponse(
    {
      error: "invalid_tenant",
      error_description: `AADSTS90002: Tenant '${authority}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    },
    { status: 400 },
  );
}

const routes: Record<string, Partial<Record<"GET" | "POST", Route>>> = {
  "oauth2/v2.0/token": { POST: (r, a, c) => handleTokenRequest(r, a, "v2", c) },
  "oauth2/token": { POST: (r, a, c) => handleTokenRequest(r, a, "v1", c) },
  "oauth2/v2.0/authorize": { GET: handleAuthorize, POST: handleAuthorize },
  "oauth2/authorize": { GET: handleAuthorize, POST: handleAuthorize },
  login: { POST: handleLogin },
  "oauth2/v2.0/logout": { GET: (r, _a, c) => handleLogout(r, c) },
  "oauth2/logout": { GET: (r, _a, c) => handleLogout(r, c) },
  "v2.0/.well-known/openid-configuration": { GET: discoveryRoute("v2") },
  ".well-known/openid-configuration": { GET: discoveryRoute("v1") },
  "discovery/v2.0/keys": { GET: jwksRoute },
  "discovery/keys": { GET: jwksRoute },
  "oidc/userinfo": { GET: (r, _a, c) => handleUserInfo(r, c), POST: (r, _a, c) => handleUserInfo(r, c) },
};

/** The Entra ID look-alike under `/api/simulator/{tenant GUID | common | organizations}/…`. */
export async function handleIdentityRequest(
  request: Request,
  tenantId: string,
  restPath: string[],
  options: IdentityOptions = {},
): Promise<Response> {
  if (!simulatorOptions().identityEnabled) return new Response("Not Found", { status: 404 });
  const route = routes[restPath.join("/")];
  if (!route) return jsonResponse({ error: "not_found", error_description: "No such endpoint." }, { status: 404 });
  const handler = route[request.method as "GET" | "POST"];
  if (!handler) {
    return new Response(null, { status: 405, headers: { allow: Object.keys(route).join(", ") } });
  }
  try {
    return await handler(request, tenantId.toLowerCase(), await resolveContext(options));
  } catch (err) {
    // A body over the size limit (readBoundedText), answered as the rest of the simulator answers it.
    if (err instanceof SimHttpError) return jsonResponse(err.body, { status: err.status, headers: err.headers });
    throw err;
  }
}
export { describeSignInRequest, type PickerModel } from "./picker";
export { AccountPicker } from "./account-picker";
