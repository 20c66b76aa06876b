import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";
import { MARKETPLACE_APP_ID } from "@/lib/env";
import type { WebhookAuthConfig } from "../authenticate";

/** Test identities and keys that stand in for Entra ID when minting webhook tokens. */
export const TEST_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const TEST_AUDIENCE = "0b5c2a55-2f4e-4f0b-9d1e-8f3a7c6b5a41";
export const V2_ISSUER = `https://login.microsoftonline.com/${TEST_TENANT}/v2.0`;
export const V1_ISSUER = `https://sts.windows.net/${TEST_TENANT}/`;

export function testAuthConfig(overrides: Partial<WebhookAuthConfig> = {}): WebhookAuthConfig {
  return {
    audience: TEST_AUDIENCE,
    tenantId: TEST_TENANT,
    allowedAppIds: [MARKETPLACE_APP_ID],
    openIdConfigurationUrl: `https://login.microsoftonline.com/${TEST_TENANT}/v2.0/.well-known/openid-configuration`,
    issuers: [V2_ISSUER, V1_ISSUER],
    ...overrides,
  };
}

export interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  publicPem: string;
}

export async function createTestKey(kid: string): Promise<TestKey> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  return {
    kid,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" },
    publicPem: await exportSPKI(publicKey),
  };
}

/** Claims of the token Microsoft's marketplace app obtains for our app, in v1 or v2 shape. */
export function marketplaceClaims(version: "v1" | "v2" = "v2", overrides: JWTPayload = {}): JWTPayload {
  const base =
    version === "v2"
      ? { iss: V2_ISSUER, azp: MARKETPLACE_APP_ID, azpacr: "1", ver: "2.0" }
      : { iss: V1_ISSUER, appid: MARKETPLACE_APP_ID, appidacr: "1", ver: "1.0" };
  return { aud: TEST_AUDIENCE, tid: TEST_TENANT, oid: "7a1f4e52-4ad4-4a5e-8d4e-6d3c0a9e1b11", ...base, ...overrides };
}

export async function signTestToken(
  key: TestKey,
  claims: JWTPayload,
  opts: { expiresInSeconds?: number; issuedAt?: number } = {},
): Promise<string> {
  const iat = opts.issuedAt ?? Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.kid })
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + (opts.expiresInSeconds ?? 3600))
    .sign(key.privateKey);
}

/** An unsigned token (`alg: none`), which must never be accepted. */
export function unsignedToken(claims: JWTPayload): string {
  const enc = (v: object) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return `${enc({ alg: "none", typ: "JWT" })}.${enc({ iat: now, nbf: now, exp: now + 3600, ...claims })}.`;
}

/** The classic key-confusion forgery: HS256 with the RSA public key as the HMAC secret. */
export async function hmacWithPublicKey(key: TestKey, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: key.kid })
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(key.publicPem));
}
