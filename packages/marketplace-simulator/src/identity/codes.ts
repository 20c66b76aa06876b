import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { DbOrTx } from "../db";
import { authorizationCodes, type AuthorizationCodeRow, type NewAuthorizationCodeRow } from "../schema/identity";

/** Entra's codes last about ten minutes; the simulator keeps them shorter to surface slow redemptions. */
export const CODE_LIFETIME_SECONDS = 300;

const hashCode = (code: string) => createHash("sha256").update(code).digest("hex");

export async function issueAuthorizationCode(
  db: DbOrTx,
  values: Omit<NewAuthorizationCodeRow, "codeHash" | "expiresAt" | "createdAt" | "redeemedAt">,
  now: Date,
): Promise<string> {
  const code = randomBytes(32).toString("base64url");
  await db.insert(authorizationCodes).values({
    ...values,
    codeHash: hashCode(code),
    createdAt: now,
    expiresAt: new Date(now.getTime() + CODE_LIFETIME_SECONDS * 1000),
  });
  // Expired codes are useless; dropping them here keeps the table small without a sweeper.
  await db.delete(authorizationCodes).where(lt(authorizationCodes.expiresAt, new Date(now.getTime() - 86_400_000)));
  return code;
}

export type RedeemResult = { ok: true; row: AuthorizationCodeRow } | { ok: false; reason: "unknown" | "redeemed" | "expired" };

/** The conditional UPDATE is the single-use guarantee, even across app instances. */
export async function redeemAuthorizationCode(db: DbOrTx, code: string, now: Date): Promise<RedeemResult> {
  const codeHash = hashCode(code);
  const [row] = await db
    .update(authorizationCodes)
    .set({ redeemedAt: now })
    .where(and(eq(authorizationCodes.codeHash, codeHash), isNull(authorizationCodes.redeemedAt), gt(authorizationCodes.expiresAt, now)))
    .returning();
  if (row) return { ok: true, row };
  const [existing] = await db.select().from(authorizationCodes).where(eq(authorizationCodes.codeHash, codeHash));
  if (!existing) return { ok: false, reason: "unknown" };
  return { ok: false, reason: existing.redeemedAt ? "redeemed" : "expired" };
}
