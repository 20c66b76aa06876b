import type { DbOrTx } from "./db";
import { verifyPublisherToken } from "./identity";
import { API_VERSION, fail, SimHttpError } from "./http";

/** Only 2018-08-31 exists for both APIs; the body is ASP.NET API versioning's. */
export function checkApiVersion(url: URL): void {
  const version = url.searchParams.get("api-version");
  if (version === null || version.trim() === "") {
    throw new SimHttpError(400, {
      Error: { Code: "ApiVersionUnspecified", Message: "An API version is required, but was not specified." },
    });
  }
  if (version !== API_VERSION) {
    throw new SimHttpError(400, {
      Error: {
        Code: "UnsupportedApiVersion",
        Message: `The HTTP resource that matches the request URI '${url.origin}${url.pathname}' does not support the API version '${version}'.`,
      },
    });
  }
}

/** 401 without a valid token; 403 for a genuine one issued for another resource, tenant or app, as Microsoft. */
export async function checkPublisherToken(db: DbOrTx, request: Request, now: Date): Promise<void> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw fail.unauthorized("A bearer token is required (Authorization: Bearer <token>).");
  const verdict = await verifyPublisherToken(db, match[1], { now: () => now });
  if (verdict === "invalid") throw fail.unauthorized("The bearer token is invalid or expired.");
  if (verdict === "wrong-audience") {
    throw fail.forbidden(
      "The token was not issued to the publisher's app for the marketplace API (resource 20e940b3-4c77-4b0b-9a53-9e16a1b010a7).",
    );
  }
}
