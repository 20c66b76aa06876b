import { jwtVerify } from "jose";
import { z } from "zod";
import type { DbOrTx } from "../db";
import { getSigningKey } from "./keys";
import { signToken } from "./tokens";

/** The authorize request travels to the picker and back signed: nothing is stored, tampering shows. */
const AUDIENCE = "urn:simulator:sign-in-request";
export const SIGN_IN_REQUEST_LIFETIME_SECONDS = 900;

export const signInRequestSchema = z.object({
  authority: z.string().min(1),
  client_id: z.string().min(1),
  redirect_uri: z.url(),
  scope: z.string(),
  state: z.string().optional(),
  nonce: z.string().optional(),
  code_challenge: z.string().min(1),
  code_challenge_method: z.enum(["S256", "plain"]),
  login_hint: z.string().optional(),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export async function sealSignInRequest(db: DbOrTx, request: SignInRequest, now: Date): Promise<string> {
  const { token } = await signToken(
    db,
    { ...signInRequestSchema.parse(request), aud: AUDIENCE },
    { now, lifetimeSeconds: SIGN_IN_REQUEST_LIFETIME_SECONDS },
  );
  return token;
}

export type OpenedSignInRequest = { ok: true; request: SignInRequest } | { ok: false; reason: "expired" | "invalid" };

export async function openSignInRequest(db: DbOrTx, sealed: string, now: Date): Promise<OpenedSignInRequest> {
  const key = await getSigningKey(db);
  try {
    const { payload } = await jwtVerify(sealed, key.publicKey, { audience: AUDIENCE, algorithms: ["RS256"], currentDate: now });
    const parsed = signInRequestSchema.safeParse(payload);
    return parsed.success ? { ok: true, request: parsed.data } : { ok: false, reason: "invalid" };
  } catch (err) {
    const expired = err instanceof Error && "code" in err && err.code === "ERR_JWT_EXPIRED";
    return { ok: false, reason: expired ? "expired" : "invalid" };
  }
}
