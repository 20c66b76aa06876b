import "server-only";
import { createHash } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import type { Offer, Subscription } from "@/db/schema";
import { getAuthSecret } from "@/lib/auth/secret";
import { getEnv } from "@/lib/env";
import type { PortalUser } from "@/lib/auth";

/** Hand-off tokens live just long enough for one redirect. */
const HANDOFF_TTL_SECONDS = 300;
export const HANDOFF_AUDIENCE = "saas-product";

/** HANDOFF_SECRET, or one derived from the session secret so a fresh install works unconfigured. */
export function handoffKey(): Uint8Array {
  const configured = getEnv().handoff.secret;
  const secret = configured ?? createHash("sha256").update(`handoff:${getAuthSecret()}`).digest("base64url");
  return new TextEncoder().encode(secret);
}

export interface HandoffClaims {
  subscriptionId: string;
  offerId: string;
  planId: string;
  quantity: number | null;
  user: { id: string; email: string | null; name: string | null; tenantId: string | null };
  tenantId: string | null;
}

/** A short-lived HS256 JWT that the SaaS product verifies with the shared secret (see README). */
export async function createHandoffToken(sub: Subscription, user: PortalUser, key = handoffKey()): Promise<string> {
  return new SignJWT({
    sid: sub.id,
    offer: sub.offerId,
    plan: sub.planId,
    qty: sub.quantity,
    email: user.email,
    name: user.name,
    tid: user.tenantId,
    beneficiary_tid: sub.beneficiaryTenantId,
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(getEnv().publicBaseUrl)
    .setAudience(HANDOFF_AUDIENCE)
    .setSubject(user.id)
    .setJti(crypto.randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${HANDOFF_TTL_SECONDS}s`)
    .sign(key);
}

export async function verifyHandoffToken(token: string, key = handoffKey()): Promise<HandoffClaims> {
  const { payload } = await jwtVerify(token, key, {
    algorithms: ["HS256"],
    issuer: getEnv().publicBaseUrl,
    audience: HANDOFF_AUDIENCE,
  });
  return {
    subscriptionId: String(payload.sid),
    offerId: String(payload.offer),
    planId: String(payload.plan),
    quantity: typeof payload.qty === "number" ? payload.qty : null,
    user: {
      id: String(payload.sub),
      email: typeof payload.email === "string" ? payload.email : null,
      name: typeof payload.name === "string" ? payload.name : null,
      tenantId: typeof payload.tid === "string" ? payload.tid : null,
    },
    tenantId: typeof payload.beneficiary_tid === "string" ? payload.beneficiary_tid : null,
  };
}

/** Where the hand-off goes: the offer's product URL, or the portal's own welcome page. */
export function handoffTarget(offer: Pick<Offer, "handoffUrl"> | undefined, token: string): string {
  const url = new URL(offer?.handoffUrl ?? `${getEnv().publicBaseUrl}/welcome`);
  url.searchParams.set("token", token);
  return url.toString();
}
