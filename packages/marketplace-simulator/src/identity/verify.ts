import { jwtVerify } from "jose";
import { z } from "zod";
import type { DbOrTx } from "../db";
import { MARKETPLACE_APP_ID, SIMULATOR_CLIENT_ID, SIMULATOR_TENANT_ID } from "../constants";
import { getSigningKey } from "./keys";
import { simulatorIssuer } from "./urls";

const CLOCK_TOLERANCE_SECONDS = 60;

const claimsSchema = z.looseObject({
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]).transform((a) => (Array.isArray(a) ? a : [a])),
  tid: z.string(),
  oid: z.string().optional(),
  azp: z.string().optional(),
  appid: z.string().optional(),
});
export type SimulatorClaims = z.infer<typeof claimsSchema>;

/** Signature, algorithm and lifetime against the simulator's key, then the claims' shape; null if any fails. */
export async function verifySimulatorJwt(db: DbOrTx, token: string, now: Date): Promise<SimulatorClaims | null> {
  const key = await getSigningKey(db);
  try {
    const { payload } = await jwtVerify(token, key.publicKey, {
      algorithms: ["RS256"],
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["iss", "aud", "exp", "nbf", "tid"],
    });
    const claims = claimsSchema.safeParse(payload);
    return claims.success ? claims.data : null;
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
  const claims = await verifySimulatorJwt(db, token, (opts.now ?? (() => new Date()))());
  if (!claims) return "invalid";
  if (![simulatorIssuer(claims.tid, "v2"), simulatorIssuer(claims.tid, "v1")].includes(claims.iss)) return "invalid";
  if (!claims.aud.includes(MARKETPLACE_APP_ID)) return "wrong-audience";
  const caller = claims.azp ?? claims.appid;
  if (claims.tid !== SIMULATOR_TENANT_ID || caller !== SIMULATOR_CLIENT_ID) return "wrong-audience";
  return "ok";
}
