import { jwtVerify, type JWTPayload } from "jose";
import type { DbOrTx } from "@/db/client";
import { MARKETPLACE_APP_ID, SIMULATOR_CLIENT_ID, SIMULATOR_TENANT_ID } from "@/lib/env";
import { getSigningKey } from "./keys";
import { simulatorIssuer } from "./urls";

const CLOCK_TOLERANCE_SECONDS = 60;

export async function verifySimulatorJwt(db: DbOrTx, token: string, now: Date): Promise<JWTPayload | null> {
  const key = await getSigningKey(db);
  try {
    const { payload } = await jwtVerify(token, key.publicKey, {
      algorithms: ["RS256"],
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["iss", "aud", "exp", "nbf", "tid"],
    });
    return payload;
  } catch {
    return null;
  }
}

/** "invalid" is a 401; "wrong-audience" the 403 Microsoft gives a genuine token for another resource, tenant or app. */
export async function verifyPublisherToken(
  db: DbOrTx,
  bearerToken: string,
  opts: { now?: () => Date } = {},
): Promise<"ok" | "invalid" | "wrong-audience"> {
  const token = bearerToken.replace(/^Bearer\s+/i, "").trim();
  if (!token) return "invalid";
  const payload = await verifySimulatorJwt(db, token, (opts.now ?? (() => new Date()))());
  if (!payload) return "invalid";
  const tenant = typeof payload.tid === "string" ? payload.tid : "";
  const issuers = [simulatorIssuer(tenant, "v2"), simulatorIssuer(tenant, "v1")];
  if (!payload.iss || !issuers.includes(payload.iss)) return "invalid";
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(MARKETPLACE_APP_ID)) return "wrong-audience";
  const caller = payload.azp ?? payload.appid;
  if (tenant !== SIMULATOR_TENANT_ID || caller !== SIMULATOR_CLIENT_ID) return "wrong-audience";
  return "ok";
}
