import { createHash, randomBytes, randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "./db";
import { simApiCalls, simPurchaseTokens, simSubscriptions, type SimSubscription } from "./schema";

export async function getSubscription(db: DbOrTx, id: string): Promise<SimSubscription | undefined> {
  const [row] = await db.select().from(simSubscriptions).where(eq(simSubscriptions.id, id));
  return row;
}

/** Reads a subscription and locks its row until the transaction ends: operations apply one at a time. */
export async function lockSubscription(tx: DbOrTx, id: string): Promise<SimSubscription | undefined> {
  const [row] = await tx.select().from(simSubscriptions).where(eq(simSubscriptions.id, id)).for("update");
  return row;
}

export async function updateSubscription(
  tx: DbOrTx,
  id: string,
  values: Partial<Omit<SimSubscription, "id" | "seq">>,
  now: Date,
): Promise<SimSubscription> {
  const [row] = await tx
    .update(simSubscriptions)
    .set({ ...values, lastModified: now })
    .where(eq(simSubscriptions.id, id))
    .returning();
  if (!row) throw new Error(`subscription ${id} vanished during an update`);
  return row;
}

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** Standard base64 with `+`, `/` and `=`, like Microsoft's, so encoding mistakes in the portal show. */
export async function createPurchaseToken(db: DbOrTx, subscriptionId: string, now: Date, lifetimeSeconds: number): Promise<string> {
  let token = randomBytes(96).toString("base64");
  if (!/[+/]/.test(token)) token = `${token.slice(0, 10)}+/${token.slice(12)}`;
  await db.insert(simPurchaseTokens).values({
    id: randomUUID(),
    tokenHash: hashToken(token),
    subscriptionId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + lifetimeSeconds * 1000),
  });
  return token;
}

export type TokenLookup = { kind: "ok"; subscription: SimSubscription } | { kind: "unknown" } | { kind: "expired" };

export async function findSubscriptionByToken(db: DbOrTx, token: string, now: Date): Promise<TokenLookup> {
  const [row] = await db
    .select({ expiresAt: simPurchaseTokens.expiresAt, subscription: simSubscriptions })
    .from(simPurchaseTokens)
    .innerJoin(simSubscriptions, eq(simSubscriptions.id, simPurchaseTokens.subscriptionId))
    .where(eq(simPurchaseTokens.tokenHash, hashToken(token)));
  if (!row) return { kind: "unknown" };
  if (row.expiresAt.getTime() <= now.getTime()) return { kind: "expired" };
  return { kind: "ok", subscription: row.subscription };
}

export async function recordApiCall(db: DbOrTx, subscriptionId: string, operation: string, now: Date): Promise<void> {
  await db
    .insert(simApiCalls)
    .values({ subscriptionId, operation, count: 1, lastCalledAt: now })
    .onConflictDoUpdate({
      target: [simApiCalls.subscriptionId, simApiCalls.operation],
      set: { count: sql`${simApiCalls.count} + 1`, lastCalledAt: now },
    });
}

export async function getApiCallCounts(db: DbOrTx, ids: string[]): Promise<Map<string, Record<string, number>>> {
  const result = new Map<string, Record<string, number>>(ids.map((id) => [id, {}]));
  if (ids.length === 0) return result;
  const rows = await db.select().from(simApiCalls).where(inArray(simApiCalls.subscriptionId, ids));
  for (const r of rows) result.get(r.subscriptionId)![r.operation] = r.count;
  return result;
}
