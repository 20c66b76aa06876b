import { MARKETPLACE_APP_ID } from "../constants";
import type { RegisteredClient } from "./clients";
import { REGISTERED_CLIENTS } from "./clients";
import type { IdentityContext } from "./context";
import { entraErrors } from "./errors";
import type { TokenForm } from "./params";
import { appTokenClaims, signToken } from "./tokens";
import { simulatorIssuer, type TokenVersion } from "./urls";

function knownResource(resource: string): boolean {
  const id = resource.toLowerCase();
  return id === MARKETPLACE_APP_ID || REGISTERED_CLIENTS.some((c) => c.clientId === id);
}

function requestedResource(form: TokenForm, version: TokenVersion, tenant: string): string {
  let resource: string;
  if (version === "v1") {
    resource = form.resource ?? "";
    if (!resource) throw entraErrors.missingParameter("resource");
  } else {
    const scope = form.scope ?? "";
    if (!scope.trim()) throw entraErrors.missingParameter("scope");
    const scopes = scope.trim().split(/\s+/);
    if (scopes.length !== 1 || !scopes[0]!.endsWith("/.default")) throw entraErrors.badScope(scope);
    resource = scopes[0]!.slice(0, -"/.default".length);
  }
  const bare = resource.replace(/^api:\/\//i, "");
  if (!knownResource(bare)) throw entraErrors.unknownResource(resource, tenant);
  return bare;
}

export async function clientCredentialsGrant(
  ctx: IdentityContext,
  form: TokenForm,
  client: RegisteredClient,
  tenant: string,
  version: TokenVersion,
): Promise<Record<string, unknown>> {
  // App-only tokens are issued in the tenant that holds the app's service principal.
  if (tenant !== client.homeTenantId) throw entraErrors.unknownClient(client.clientId, tenant);
  const resource = requestedResource(form, version, tenant);
  const claims = appTokenClaims({
    audience: resource,
    issuer: simulatorIssuer(tenant, version),
    tenantId: tenant,
    callerAppId: client.clientId,
    version,
  });
  const { token, expiresIn, issuedAt } = await signToken(ctx.db, claims, { now: ctx.now() });
  if (version === "v2") {
    return { token_type: "Bearer", expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token };
  }
  // The v1 endpoint reports every number as a string.
  return {
    token_type: "Bearer",
    expires_in: String(expiresIn),
    ext_expires_in: String(expiresIn),
    expires_on: String(issuedAt + expiresIn),
    not_before: String(issuedAt),
    resource,
    access_token: token,
  };
}
