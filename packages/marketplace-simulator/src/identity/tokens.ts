import { createHash, randomBytes } from "node:crypto";
import { SignJWT, type JWTPayload } from "jose";
import type { DbOrTx } from "../db";
import { getSigningKey, SIGNING_ALGORITHM } from "./keys";

export const TOKEN_LIFETIME_SECONDS = 3600;
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

/** Derived (UUID v5 layout), not stored: service principal IDs must agree across restarts and instances. */
export function stableGuid(...parts: string[]): string {
  const hash = createHash("sha1").update(parts.join("\u0000")).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function opaqueValue(bytes = 16): string {
  return randomBytes(bytes).toString("base64url");
}

export async function signToken(
  db: DbOrTx,
  claims: JWTPayload,
  opts: { now: Date; lifetimeSeconds?: number },
): Promise<{ token: string; expiresIn: number; issuedAt: number }> {
  const key = await getSigningKey(db);
  const issuedAt = Math.floor(opts.now.getTime() / 1000);
  const expiresIn = opts.lifetimeSeconds ?? TOKEN_LIFETIME_SECONDS;
  const token = await new SignJWT({ uti: opaqueValue(), ...claims })
    .setProtectedHeader({ typ: "JWT", alg: SIGNING_ALGORITHM, kid: key.kid })
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + expiresIn)
    .sign(key.privateKey);
  return { token, expiresIn, issuedAt };
}

/** App-only token claims: v2 names the caller `azp`, v1 `appid`. */
export function appTokenClaims(args: {
  audience: string;
  issuer: string;
  tenantId: string;
  callerAppId: string;
  version: "v1" | "v2";
  /** "1" for a client secret, "2" for a certificate, as Entra reports it. */
  credentialType?: "1" | "2";
}): JWTPayload {
  const servicePrincipal = stableGuid("service-principal", args.tenantId, args.callerAppId);
  const common = {
    aud: args.audience,
    iss: args.issuer,
    aio: opaqueValue(),
    idtyp: "app",
    oid: servicePrincipal,
    sub: servicePrincipal,
    rh: opaqueValue(),
    tid: args.tenantId,
  };
  const acr = args.credentialType ?? "1";
  return args.version === "v2"
    ? { ...common, azp: args.callerAppId, azpacr: acr, ver: "2.0" }
    : { ...common, appid: args.callerAppId, appidacr: acr, idp: args.issuer, ver: "1.0" };
}
