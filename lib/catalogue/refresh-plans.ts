import "server-only";
import type { Db } from "@/db/client";
import { pickSubscriptionPerOffer } from "@/db/queries/admin-catalogue";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { ensureOffer, upsertPlans } from "@/db/queries/catalogue";
import { isMarketplaceApiError, type MarketplaceClient } from "@/lib/marketplace";
import type { Actor } from "@/lib/subscriptions/activate";
import { planValues } from "@/lib/subscriptions/from-marketplace";

export type PlansClient = Pick<MarketplaceClient, "listAvailablePlans">;

export interface OfferRefresh {
  offerId: string;
  subscriptionId: string;
  plans?: string[];
  error?: string;
  requestId?: string;
}

/**
 * Microsoft has no "list my plans" call: listAvailablePlans answers for one subscription (its
 * plan and those its beneficiary may move to, private ones included), so each offer is asked
 * through one of its live subscriptions. The portal's own per-plan settings are kept.
 */
export async function refreshPlans(db: Db, client: PlansClient, actor: Actor): Promise<OfferRefresh[]> {
  const picks = await pickSubscriptionPerOffer(db);
  const results: OfferRefresh[] = [];
  for (const pick of picks) {
    await ensureOffer(db, { id: pick.offerId, publisherId: pick.publisherId, displayName: pick.offerId });
    try {
      const found = await client.listAvailablePlans(pick.subscriptionId);
      await upsertPlans(
        db,
        found.map((p) => planValues(pick.offerId, p)),
      );
      results.push({ ...pick, plans: found.map((p) => p.planId) });
    } catch (err) {
      // One offer failing (e.g. 403 for a subscription cancelled meanwhile) does not stop the others.
      const error = err instanceof Error ? err.message : String(err);
      results.push({ ...pick, error, requestId: isMarketplaceApiError(err) ? err.requestId : undefined });
    }
  }
  await insertAuditEvent(db, {
    actorType: actor.type,
    actorId: actor.id,
    actorEmail: actor.email,
    action: "catalogue.plans_refreshed",
    targetType: "catalogue",
    targetId: "plans",
    metadata: { offers: results },
  });
  return results;
}
