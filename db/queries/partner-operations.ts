import "server-only";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { marketplaceOperations, type MarketplaceOperation } from "../schema";

/**
 * Operations this portal started (PATCH or DELETE) that have not completed yet: the ones to
 * poll with GET operation. Oldest first, so a backlog is worked off in order.
 */
export async function listPendingPartnerOperations(db: DbOrTx, limit = 100): Promise<MarketplaceOperation[]> {
  return db
    .select()
    .from(marketplaceOperations)
    .where(and(eq(marketplaceOperations.source, "Partner"), isNull(marketplaceOperations.completedAt)))
    .orderBy(asc(marketplaceOperations.createdAt))
    .limit(limit);
}

/** A PATCH or DELETE this portal sent that Microsoft has not settled: the subscription is mid-change from our side. */
export async function hasOpenPartnerOperation(db: DbOrTx, subscriptionId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: marketplaceOperations.id })
    .from(marketplaceOperations)
    .where(
      and(
        eq(marketplaceOperations.subscriptionId, subscriptionId),
        eq(marketplaceOperations.source, "Partner"),
        isNull(marketplaceOperations.completedAt),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Any source: a pending operation locks the subscription on Microsoft's side. */
export async function listOpenOperationsForSubscription(db: DbOrTx, subscriptionId: string): Promise<MarketplaceOperation[]> {
  return db
    .select()
    .from(marketplaceOperations)
    .where(and(eq(marketplaceOperations.subscriptionId, subscriptionId), isNull(marketplaceOperations.completedAt)))
    .orderBy(desc(marketplaceOperations.createdAt));
}

export async function listOperationsForSubscription(db: DbOrTx, subscriptionId: string, limit = 200): Promise<MarketplaceOperation[]> {
  return db
    .select()
    .from(marketplaceOperations)
    .where(eq(marketplaceOperations.subscriptionId, subscriptionId))
    .orderBy(desc(marketplaceOperations.createdAt))
    .limit(limit);
}

/** Records progress Microsoft reports (NotStarted → InProgress) on an operation still open. */
export async function updateOpenOperationStatus(
  db: DbOrTx,
  id: string,
  status: Extract<MarketplaceOperation["status"], "NotStarted" | "InProgress">,
): Promise<void> {
  await db
    .update(marketplaceOperations)
    .set({ status })
    .where(
      and(eq(marketplaceOperations.id, id), isNull(marketplaceOperations.completedAt), sql`${marketplaceOperations.status} <> ${status}`),
    );
}
