import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { purchaseTokens, type PurchaseToken } from "../schema";

export async function getPurchaseToken(db: DbOrTx, tokenHash: string): Promise<PurchaseToken | undefined> {
  const [row] = await db.select().from(purchaseTokens).where(eq(purchaseTokens.tokenHash, tokenHash)).limit(1);
  return row;
}

export async function rememberPurchaseToken(db: DbOrTx, tokenHash: string, subscriptionId: string): Promise<void> {
  await db.insert(purchaseTokens).values({ tokenHash, subscriptionId }).onConflictDoNothing();
}
