import { authorizationCodeGrant } from "./authorization-code";
import { authenticateClient, presentedCredentials } from "./client-auth";
import { clientCredentialsGrant } from "./client-credentials";
import { clientServesAuthority } from "./clients";
import type { IdentityContext } from "./context";
import { isKnownTenant, isMultiTenantAuthority } from "./directory";
import { EntraError, entraErrorResponse, entraErrors } from "./errors";
import { parseParams, tokenFormSchema } from "./params";
import { jsonResponse, readForm } from "./responses";
import type { TokenVersion } from "./urls";

/** Checks run in Entra's order (tenant, request, app, credential, grant) so clients see its errors. */
export async function handleTokenRequest(
  request: Request,
  authority: string,
  version: TokenVersion,
  ctx: IdentityContext,
): Promise<Response> {
  const url = new URL(request.url);
  // MSAL sends `client-request-id`; Entra returns it as the correlation ID.
  const correlationId = request.headers.get("client-request-id") ?? url.searchParams.get("client-request-id");
  try {
    const multiTenant = isMultiTenantAuthority(authority);
    if (!multiTenant && !isKnownTenant(authority)) throw entraErrors.tenantNotFound(authority);
    const body = await readForm(request);
    if (!body) throw entraErrors.badContentType();
    const form = parseParams(tokenFormSchema, body);
    const grantType = form.grant_type;
    if (!grantType) throw entraErrors.missingParameter("grant_type");
    const client = authenticateClient(presentedCredentials(request, form), authority);
    const tenant = authority.toLowerCase();

    let tokens: Record<string, unknown>;
    if (grantType === "client_credentials") {
      if (multiTenant) throw entraErrors.noTenant();
      tokens = await clientCredentialsGrant(ctx, form, client, tenant, version);
    } else if (grantType === "authorization_code") {
      if (!clientServesAuthority(client, tenant)) throw entraErrors.unknownClient(client.clientId, tenant);
      tokens = await authorizationCodeGrant(ctx, form, client);
    } else {
      throw entraErrors.unsupportedGrant(grantType);
    }
    return jsonResponse(tokens, { headers: correlationId ? { "client-request-id": correlationId } : {} });
  } catch (err) {
    if (err instanceof EntraError) return entraErrorResponse(err, { correlationId, now: ctx.now() });
    throw err;
  }
}
