import "server-only";
import { desc, eq, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { subscriptions, type NewSubscription, type Subscription } from "../schema";

export async function getSubscriptionById(db: DbOrTx, id: string): Promise<Subscription | undefined> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id)).limit(1);
  return row;
}

/** Marketplace-owned columns: what an upsert from Microsoft's Subscription object may overwrite. */
type MarketplaceFields = Omit<
  NewSubscription,
  "provisioningState" | "onboardingValues" | "confirmedByEmail" | "confirmedAt" | "activatedAt" | "createdAt" | "updatedAt"
>;

/**
 * Inserts or refreshes a subscription from Microsoft's view of it, leaving the portal's own
 * provisioning columns alone. Returns the row as stored.
 */
export async function upsertSubscription(db: DbOrTx, values: MarketplaceFields): Promise<Subscription> {
  const { id: _id, ...update } = values;
  const [row] = await db
    .insert(subscriptions)
    .values(values)
    .onConflictDoUpdate({ target: subscriptions.id, set: { ...update, updatedAt: sql`now()` } })
    .returning();
  if (!row) throw new Error(`upsert of subscription ${values.id} returned no row`);
  return row;
}

export async function updateSubscription(
  db: DbOrTx,
  id: string,
  values: Partial<Omit<NewSubscription, "id" | "createdAt">>,
): Promise<Subscription | undefined> {
  const [row] = await db.update(subscriptions).set(values).where(eq(subscriptions.id, id)).returning();
  return row;
}

/**
 * The subscriptions a buyer may see, by `tid` and `oid` only (lib/subscriptions/access.ts holds the
 * same rule for one row): of their organisation, bought by or for them, or confirmed by them.
 */
export async function listSubscriptionsForBuyer(
  db: DbOrTx,
  scope: { tenantId: string | null; objectId: string | null },
  limit = 100,
): Promise<Subscription[]> {
  const conditions = [
    scope.tenantId ? eq(subscriptions.purchaserTenantId, scope.tenantId) : undefined,
    scope.tenantId ? eq(subscriptions.beneficiaryTenantId, scope.tenantId) : undefined,
    scope.objectId ? eq(subscriptions.purchaserObjectId, scope.objectId) : undefined,
    scope.objectId ? eq(subscriptions.beneficiaryObjectId, scope.objectId) : undefined,
    scope.objectId ? sql`lower(${subscriptions.confirmedByObjectId}) = ${scope.objectId}` : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return [];
  return db
    .select()
    .from(subscriptions)
    .where(or(...conditions))
    .orderBy(desc(subscriptions.createdAt))
    .limit(limit);
}
