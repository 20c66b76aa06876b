import "server-only";
import { and, asc, eq, or } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { offers, plans, subscriptions, type BillingTerm, type Subscription } from "../schema";

export interface CustomerSubscription {
  subscription: Subscription;
  offerName: string | null;
  planName: string | null;
  pricingModel: "flat_rate" | "per_user" | null;
  billingTerms: BillingTerm[] | null;
  /** Whether this tenant bought it, uses it, or both. */
  role: "purchaser" | "beneficiary" | "both";
}

/** Every subscription a tenant bought or uses, with its plan's catalogue prices, oldest first. */
export async function listCustomerSubscriptions(db: DbOrTx, tenantId: string): Promise<CustomerSubscription[]> {
  const id = tenantId.toLowerCase();
  const rows = await db
    .select({
      subscription: subscriptions,
      offerName: offers.displayName,
      planName: plans.displayName,
      pricingModel: plans.pricingModel,
      billingTerms: plans.billingTerms,
    })
    .from(subscriptions)
    .leftJoin(offers, eq(offers.id, subscriptions.offerId))
    .leftJoin(plans, and(eq(plans.offerId, subscriptions.offerId), eq(plans.planId, subscriptions.planId)))
    .where(or(eq(subscriptions.purchaserTenantId, id), eq(subscriptions.beneficiaryTenantId, id)))
    .orderBy(asc(subscriptions.createdAt), asc(subscriptions.id));
  return rows.map((r) => {
    const s = r.subscription;
    const bought = s.purchaserTenantId === id;
    const uses = s.beneficiaryTenantId === id;
    return { ...r, role: bought && uses ? "both" : bought ? "purchaser" : "beneficiary" };
  });
}
