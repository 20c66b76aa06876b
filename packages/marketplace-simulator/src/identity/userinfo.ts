import type { IdentityContext } from "./context";
import { findPersonByObjectId } from "./directory";
import { pairwiseSubject } from "./authorization-code";
import { jsonResponse } from "./responses";
import { GRAPH_APP_ID } from "./tokens";
import { simulatorIssuer } from "./urls";
import { verifySimulatorJwt } from "./verify";

function unauthorized(message: string): Response {
  return jsonResponse(
    { error: { code: "InvalidAuthenticationToken", message } },
    { status: 401, headers: { "www-authenticate": `Bearer error="invalid_token", error_description="${message}"` } },
  );
}

export async function handleUserInfo(request: Request, ctx: IdentityContext): Promise<Response> {
  const header = request.headers.get("authorization") ?? "";
  const token = header.match(/^Bearer\s+(.+)$/i)?.[1];
  if (!token) return unauthorized("Access token is empty.");
  const claims = await verifySimulatorJwt(ctx.db, token, ctx.now());
  if (!claims) return unauthorized("Access token validation failure. Invalid signature or lifetime.");
  const person = claims.oid ? findPersonByObjectId(claims.oid) : undefined;
  if (!claims.aud.includes(GRAPH_APP_ID) || !person || claims.iss !== simulatorIssuer(person.tenantId, "v1")) {
    return unauthorized("Access token validation failure. Invalid audience.");
  }
  return jsonResponse({
    sub: pairwiseSubject(person.objectId, claims.appid ?? ""),
    name: person.displayName,
    given_name: person.givenName,
    family_name: person.surname,
    email: person.email,
  });
}
