import "server-only";
import { and, eq, isNotNull, isNull, max, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../client";
import { rowsOf } from "./rows";
import {
  marketplaceOperations,
  planPolicies,
  plans,
  subscriptions,
  type MarketplaceOperation,
  type NewMarketplaceOperation,
  type NewPlanPolicy,
  type PlanPolicy,
  type Subscription,
} from "../schema";

export async function getOperationById(db: DbOrTx, id: string): Promise<MarketplaceOperation | undefined> {
  const [row] = await db.select().from(marketplaceOperations).where(eq(marketplaceOperations.id, id)).limit(1);
  return row;
}

export async function insertOperation(db: DbOrTx, values: NewMarketplaceOperation): Promise<MarketplaceOperation | undefined> {
  const [row] = await db.insert(marketplaceOperations).values(values).onConflictDoNothing({ target: marketplaceOperations.id }).returning();
  return row;
}

/** Only the first completion wins, from the webhook or from polling Operation-Location: applied once. */
export async function completeOperation(
  db: DbOrTx,
  id: string,
  values: Pick<NewMarketplaceOperation, "status" | "errorMessage" | "marketplaceTimestamp" | "appliedAt"> & { completedAt: Date },
): Promise<MarketplaceOperation | undefined> {
  const [row] = await db
    .update(marketplaceOperations)
    .set(values)
    .where(and(eq(marketplaceOperations.id, id), isNull(marketplaceOperations.completedAt)))
    .returning();
  return row;
}

/** The newest Microsoft timestamp among operations whose change the portal actually applied. */
export async function getLatestAppliedTimestamp(db: DbOrTx, subscriptionId: string, exceptId: string): Promise<Date | null> {
  const [row] = await db
    .select({ latest: max(marketplaceOperations.marketplaceTimestamp) })
    .from(marketplaceOperations)
    .where(
      and(
        eq(marketplaceOperations.subscriptionId, subscriptionId),
        ne(marketplaceOperations.id, exceptId),
        // Failed, refused and superseded operations changed nothing here, so they make nothing stale.
        isNotNull(marketplaceOperations.appliedAt),
      ),
    );
  return row?.latest ?? null;
}

/**
 * Holds the subscription's lock until the transaction ends. The advisory lock also covers a subscription
 * the portal has no row for yet (a Subscribe and a Suspend racing), which FOR UPDATE alone cannot lock.
 */
export async function lockSubscription(db: DbOrTx, id: string): Promise<Subscription | undefined> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`subscription:${id.toLowerCase()}`}))`);
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id)).limit(1).for("update");
  return row;
}

export async function upsertPlanPolicy(db: DbOrTx, values: NewPlanPolicy): Promise<PlanPolicy> {
  const [row] = await db
    .insert(planPolicies)
    .values(values)
    .onConflictDoUpdate({ target: [planPolicies.offerId, planPolicies.planId], set: { changePolicy: values.changePolicy } })
    .returning();
  if (!row) throw new Error(`plan policy upsert for ${values.offerId}/${values.planId} returned no row`);
  return row;
}

const currentPlan = alias(plans, "current_plan");
const requestedPlan = alias(plans, "requested_plan");

export interface ChangeDecisionContext {
  subscription: Pick<Subscription, "id" | "offerId" | "planId" | "quantity" | "status" | "provisioningState">;
  policy: PlanPolicy["changePolicy"];
  current: Pick<typeof plans.$inferSelect, "billingTerms" | "minQuantity" | "maxQuantity"> | null;
  requested: Pick<typeof plans.$inferSelect, "billingTerms" | "minQuantity" | "maxQuantity"> | null;
}

/** Everything the 10-second decision needs, in one query on primary keys. */
export async function getChangeDecisionContext(
  db: DbOrTx,
  subscriptionId: string,
  requestedPlanId: string | null,
): Promise<ChangeDecisionContext | undefined> {
  const [row] = await db
    .select({
      id: subscriptions.id,
      offerId: subscriptions.offerId,
      planId: subscriptions.planId,
      quantity: subscriptions.quantity,
      status: subscriptions.status,
      provisioningState: subscriptions.provisioningState,
      policy: planPolicies.changePolicy,
      currentTerms: currentPlan.billingTerms,
      currentMin: currentPlan.minQuantity,
      currentMax: currentPlan.maxQuantity,
      currentFound: currentPlan.planId,
      requestedTerms: requestedPlan.billingTerms,
      requestedMin: requestedPlan.minQuantity,
      requestedMax: requestedPlan.maxQuantity,
      requestedFound: requestedPlan.planId,
    })
    .from(subscriptions)
    .leftJoin(planPolicies, and(eq(planPolicies.offerId, subscriptions.offerId), eq(planPolicies.planId, subscriptions.planId)))
    .leftJoin(currentPlan, and(eq(currentPlan.offerId, subscriptions.offerId), eq(currentPlan.planId, subscriptions.planId)))
    .leftJoin(requestedPlan, and(eq(requestedPlan.offerId, subscriptions.offerId), eq(requestedPlan.planId, sql`${requestedPlanId ?? ""}`)))
    .where(eq(subscriptions.id, subscriptionId))
    .limit(1);
  if (!row) return undefined;
  return {
    subscription: {
      id: row.id,
      offerId: row.offerId,
      planId: row.planId,
      quantity: row.quantity,
      status: row.status,
      provisioningState: row.provisioningState,
    },
    policy: row.policy ?? "accept_all",
    current:
      row.currentFound === null ? null : { billingTerms: row.currentTerms ?? [], minQuantity: row.currentMin, maxQuantity: row.currentMax },
    requested:
      row.requestedFound === null
        ? null
        : { billingTerms: row.requestedTerms ?? [], minQuantity: row.requestedMin, maxQuantity: row.requestedMax },
  };
}

/** The database's clock, shared by every app instance, to order readings of Microsoft's state. */
export async function readDatabaseClock(db: DbOrTx): Promise<Date> {
  const [row] = rowsOf<{ now: string | Date }>(await db.execute(sql`select clock_timestamp() as now`));
  const value = row?.now;
  if (value === undefined) throw new Error("the database returned no clock reading");
  return value instanceof Date ? value : new Date(value);
}
