import { randomUUID } from "node:crypto";
import { clientServesAuthority, findClient } from "./clients";
import { issueAuthorizationCode } from "./codes";
import type { IdentityContext } from "./context";
import { findPersonByEmail, isKnownTenant, isMultiTenantAuthority, peopleForAuthority } from "./directory";
import { authorizeParamsSchema, loginFormSchema, parseParams } from "./params";
import { errorPage, readForm, redirectResponse, withParams } from "./responses";
import { openSignInRequest, sealSignInRequest, type SignInRequest } from "./sign-in-request";
import { portalOrigin } from "./urls";

export const SIGN_IN_PAGE_PATH = "/simulator/sign-in";

function redirectError(uri: string, state: string | undefined, error: string, code: number, description: string): Response {
  return redirectResponse(
    withParams(uri, {
      error,
      error_description: `AADSTS${code}: ${description}`,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
      state,
    }),
  );
}

/** Reply URLs must be on the portal's own origin, as if registered on the app. */
function isRegisteredRedirect(uri: string, origin: string): boolean {
  try {
    const url = new URL(uri);
    return url.origin === new URL(origin).origin && !url.hash;
  } catch {
    return false;
  }
}

export function isValidAuthority(authority: string): boolean {
  return isMultiTenantAuthority(authority) || isKnownTenant(authority);
}

export async function handleAuthorize(request: Request, authority: string, ctx: IdentityContext): Promise<Response> {
  const raw = request.method === "POST" ? ((await readForm(request)) ?? new URLSearchParams()) : new URL(request.url).searchParams;
  const params = parseParams(authorizeParamsSchema, raw);
  if (!isValidAuthority(authority)) {
    return errorPage(400, "Sign in failed", `AADSTS90002: Tenant '${authority}' not found.`);
  }
  const clientId = params.client_id;
  const client = clientId ? findClient(clientId) : undefined;
  if (!clientId)
    return errorPage(400, "Sign in failed", "AADSTS900144: The request body must contain the following parameter: 'client_id'.");
  if (!client)
    return errorPage(
      400,
      "Sign in failed",
      `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${authority}'.`,
    );
  if (!clientServesAuthority(client, authority)) {
    return errorPage(
      400,
      "Sign in failed",
      `AADSTS50194: Application '${client.clientId}' is not configured as a multi-tenant application.`,
    );
  }
  const redirectUri = params.redirect_uri;
  if (!redirectUri || !isRegisteredRedirect(redirectUri, portalOrigin(ctx.origin))) {
    return errorPage(
      400,
      "Sign in failed",
      `AADSTS50011: The redirect URI '${redirectUri ?? ""}' specified in the request does not match the redirect URIs configured for the application '${client.clientId}'.`,
    );
  }

  // From here on the reply URL is trusted, so errors go back to the app as Entra sends them.
  const state = params.state;
  const responseMode = params.response_mode ?? "query";
  if (responseMode !== "query") {
    return redirectError(
      redirectUri,
      state,
      "invalid_request",
      900144,
      `The simulator answers with response_mode 'query' only, not '${responseMode}'.`,
    );
  }
  if (params.response_type !== "code") {
    return redirectError(
      redirectUri,
      state,
      "unsupported_response_type",
      700054,
      `response_type '${params.response_type ?? ""}' is not enabled for the application.`,
    );
  }
  const scope = params.scope;
  if (!scope?.trim())
    return redirectError(redirectUri, state, "invalid_request", 900144, "The request body must contain the following parameter: 'scope'.");
  const challenge = params.code_challenge;
  const method = params.code_challenge_method ?? "plain";
  if (!challenge) {
    return redirectError(
      redirectUri,
      state,
      "invalid_request",
      9002325,
      "Proof Key for Code Exchange is required for cross-origin authorization code redemption.",
    );
  }
  if (method !== "S256" && method !== "plain") {
    return redirectError(
      redirectUri,
      state,
      "invalid_request",
      9002325,
      `The code_challenge_method '${method}' is not supported; use 'S256'.`,
    );
  }

  const sealed = await sealSignInRequest(
    ctx.db,
    {
      authority: authority.toLowerCase(),
      client_id: client.clientId,
      redirect_uri: redirectUri,
      scope,
      state,
      nonce: params.nonce,
      code_challenge: challenge,
      code_challenge_method: method,
      login_hint: params.login_hint,
    },
    ctx.now(),
  );
  return redirectResponse(`${portalOrigin(ctx.origin)}${SIGN_IN_PAGE_PATH}?request=${encodeURIComponent(sealed)}`);
}

export async function handleLogin(request: Request, authority: string, ctx: IdentityContext): Promise<Response> {
  const raw = await readForm(request);
  const form = raw ? parseParams(loginFormSchema, raw) : null;
  const opened = form ? await openSignInRequest(ctx.db, form.request ?? "", ctx.now()) : null;
  if (!form || !opened?.ok) {
    const expired = opened && !opened.ok && opened.reason === "expired";
    return errorPage(
      400,
      "Sign in failed",
      expired
        ? "AADSTS50058: The sign-in request has expired. Go back to the application and sign in again."
        : "AADSTS90015: The sign-in request is missing or invalid. Go back to the application and sign in again.",
    );
  }
  const req: SignInRequest = opened.request;
  if (req.authority !== authority.toLowerCase()) {
    return errorPage(400, "Sign in failed", "AADSTS90015: The sign-in request belongs to another authority.");
  }
  if (form.cancel !== undefined) {
    return redirectError(req.redirect_uri, req.state, "access_denied", 65004, "User declined to consent to access the app.");
  }
  const person = findPersonByEmail(form.login_hint ?? "");
  if (!person || !peopleForAuthority(authority).some((p) => p.objectId === person.objectId)) {
    return errorPage(
      400,
      "Sign in failed",
      `AADSTS50020: User account '${form.login_hint ?? ""}' does not exist in tenant '${authority}' and cannot access the application '${req.client_id}' in that tenant.`,
    );
  }
  const code = await issueAuthorizationCode(
    ctx.db,
    {
      clientId: req.client_id,
      redirectUri: req.redirect_uri,
      authority: req.authority,
      scope: req.scope,
      codeChallenge: req.code_challenge,
      codeChallengeMethod: req.code_challenge_method,
      nonce: req.nonce ?? null,
      objectId: person.objectId,
      tenantId: person.tenantId,
    },
    ctx.now(),
  );
  return redirectResponse(withParams(req.redirect_uri, { code, state: req.state, session_state: randomUUID() }), 303);
}

export function handleLogout(request: Request, ctx: IdentityContext): Response {
  const target = new URL(request.url).searchParams.get("post_logout_redirect_uri");
  if (target && isRegisteredRedirect(target, portalOrigin(ctx.origin))) return redirectResponse(target);
  return errorPage(200, "You signed out of your account", "It's a good idea to close all browser windows.");
}
