import { randomUUID } from "node:crypto";

/** Entra's error body: MSAL and Auth.js read `error`/`error_description`, support reads the IDs. */
export interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
}

export class EntraError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: string,
    readonly code: number,
    readonly description: string,
  ) {
    super(`AADSTS${code}: ${description}`);
    this.name = "EntraError";
  }
}

const errors = {
  missingParameter: (name: string) =>
    new EntraError(400, "invalid_request", 900144, `The request body must contain the following parameter: '${name}'.`),
  tenantNotFound: (tenant: string) =>
    new EntraError(
      400,
      "invalid_request",
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    ),
  noTenant: () =>
    new EntraError(
      400,
      "invalid_request",
      50059,
      "No tenant-identifying information found in either the request or implied by any provided credentials.",
    ),
  unsupportedGrant: (grant: string) =>
    new EntraError(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grant}'.`),
  unknownClient: (clientId: string, tenant: string) =>
    new EntraError(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    ),
  missingCredential: () =>
    new EntraError(
      401,
      "invalid_client",
      7000216,
      "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
    ),
  badSecret: (clientId: string) =>
    new EntraError(
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  badAssertion: () =>
    new EntraError(
      401,
      "invalid_client",
      700027,
      "Client assertion failed signature validation. The simulator registers no certificate for this application; use its client secret.",
    ),
  badScope: (scope: string) =>
    new EntraError(
      400,
      "invalid_scope",
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  unknownResource: (resource: string, tenant: string) =>
    new EntraError(
      400,
      "invalid_resource",
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    ),
  codeExpired: () =>
    new EntraError(
      400,
      "invalid_grant",
      70008,
      "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
    ),
  codeRedeemed: () =>
    new EntraError(
      400,
      "invalid_grant",
      54005,
      "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
    ),
  codeInvalid: () => new EntraError(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid."),
  codeClientMismatch: () =>
    new EntraError(400, "invalid_grant", 70000, "The request was denied because the authorization code was issued to another application."),
  redirectMismatch: (got: string) =>
    new EntraError(
      400,
      "invalid_grant",
      500112,
      `The reply address '${got}' does not match the reply address provided when requesting Authorization code.`,
    ),
  pkceMissing: () => new EntraError(400, "invalid_grant", 501491, "Invalid size of Code_Verifier parameter."),
  pkceMismatch: () =>
    new EntraError(
      400,
      "invalid_grant",
      501481,
      "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
    ),
  badContentType: () =>
    new EntraError(
      400,
      "invalid_request",
      900561,
      "The endpoint only accepts POST requests with Content-Type application/x-www-form-urlencoded.",
    ),
};
export const entraErrors = errors;

function entraTimestamp(now: Date): string {
  return now
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
}

export function entraErrorResponse(err: EntraError, opts: { correlationId?: string | null; now: Date }): Response {
  const traceId = randomUUID();
  const correlationId = opts.correlationId || randomUUID();
  const timestamp = entraTimestamp(opts.now);
  const body: EntraErrorBody = {
    error: err.error,
    error_description: `${err.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${err.code}`,
  };
  return Response.json(body, {
    status: err.status,
    headers: { "cache-control": "no-store", pragma: "no-cache", "x-ms-request-id": traceId, "client-request-id": correlationId },
  });
}
