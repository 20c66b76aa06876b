import { createHash } from "node:crypto";
import type { JWTPayload } from "jose";
import type { RegisteredClient } from "./clients";
import { redeemAuthorizationCode } from "./codes";
import type { IdentityContext } from "./context";
import { findPersonByObjectId } from "./directory";
import { entraErrors } from "./errors";
import type { TokenForm } from "./params";
import { GRAPH_APP_ID, opaqueValue, signToken } from "./tokens";
import { simulatorIssuer } from "./urls";

/** Entra's `sub` is pairwise: the same person has a different `sub` in every app. */
export function pairwiseSubject(objectId: string, clientId: string): string {
  return createHash("sha256").update(`${objectId}:${clientId.toLowerCase()}`).digest("base64url").slice(0, 43);
}

function pkceMatches(verifier: string, challenge: string, method: string): boolean {
  if (method === "plain") return verifier === challenge;
  return createHash("sha256").update(verifier).digest("base64url") === challenge;
}

export async function authorizationCodeGrant(
  ctx: IdentityContext,
  form: TokenForm,
  client: RegisteredClient,
): Promise<Record<string, unknown>> {
  const code = form.code;
  if (!code) throw entraErrors.missingParameter("code");
  const now = ctx.now();
  const redeemed = await redeemAuthorizationCode(ctx.db, code, now);
  if (!redeemed.ok) {
    if (redeemed.reason === "redeemed") throw entraErrors.codeRedeemed();
    if (redeemed.reason === "expired") throw entraErrors.codeExpired();
    throw entraErrors.codeInvalid();
  }
  // The code is spent from here on: a failed check must not leave it usable for another try.
  const grant = redeemed.row;
  if (grant.clientId !== client.clientId) throw entraErrors.codeClientMismatch();
  const redirectUri = form.redirect_uri ?? "";
  if (redirectUri !== grant.redirectUri) throw entraErrors.redirectMismatch(redirectUri);
  const verifier = form.code_verifier ?? "";
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) throw entraErrors.pkceMissing();
  if (!pkceMatches(verifier, grant.codeChallenge, grant.codeChallengeMethod)) throw entraErrors.pkceMismatch();

  const person = findPersonByObjectId(grant.objectId);
  if (!person) throw entraErrors.codeInvalid();
  const scopes = grant.scope.split(/\s+/).filter(Boolean);
  const identity = {
    name: person.displayName,
    oid: person.objectId,
    tid: person.tenantId,
    rh: opaqueValue(),
  };
  // Entra returns a (v1-shaped) Microsoft Graph token for `User.Read`.
  const access = await signToken(
    ctx.db,
    {
      ...identity,
      aud: GRAPH_APP_ID,
      iss: simulatorIssuer(person.tenantId, "v1"),
      idtyp: "user",
      appid: client.clientId,
      appidacr: "1",
      given_name: person.givenName,
      family_name: person.surname,
      scp: scopes
        .filter((s) => !["openid", "profile", "email", "offline_access"].includes(s))
        .concat("openid", "profile", "email")
        .join(" "),
      sub: pairwiseSubject(person.objectId, GRAPH_APP_ID),
      unique_name: person.email,
      upn: person.email,
      ver: "1.0",
    },
    { now },
  );
  const body: Record<string, unknown> = {
    token_type: "Bearer",
    scope: scopes.join(" "),
    expires_in: access.expiresIn,
    ext_expires_in: access.expiresIn,
    access_token: access.token,
  };
  if (scopes.includes("openid")) {
    const idClaims: JWTPayload = {
      ...identity,
      aud: client.clientId,
      iss: simulatorIssuer(person.tenantId, "v2"),
      sub: pairwiseSubject(person.objectId, client.clientId),
      preferred_username: person.email,
      email: person.email,
      aio: opaqueValue(),
      sid: opaqueValue(),
      ver: "2.0",
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
    };
    body.id_token = (await signToken(ctx.db, idClaims, { now })).token;
  }
  return body;
}
