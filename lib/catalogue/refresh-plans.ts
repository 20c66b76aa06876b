import "server-only";
import type { Db } from "@/db/client";
import { pickSubscriptionPerOfferAndMarket } from "@/db/queries/admin-catalogue";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { ensureOffer } from "@/db/queries/catalogue";
import { isMarketplaceApiError } from "@/lib/marketplace";
import type { Actor } from "@/lib/subscriptions/activate";
import { loadPlansFor, type PlansClient } from "./plan-prices";

export type { PlansClient } from "./plan-prices";

export interface OfferRefresh {
  offerId: string;
  subscriptionId: string;
  plans?: string[];
  market?: string | null;
  error?: string;
  requestId?: string;
}

/**
 * Microsoft has no "list my plans" call: listAvailablePlans answers for one subscription (its
 * plan and those its beneficiary may move to, private ones included), so each offer is asked
 * through one of its live subscriptions in each market (prices are per market and currency).
 * The portal's own per-plan settings are kept. Staff may ask; the sync does after every run.
 */
export async function refreshPlans(db: Db, client: PlansClient, actor: Actor): Promise<OfferRefresh[]> {
  const picks = await pickSubscriptionPerOfferAndMarket(db);
  const results: OfferRefresh[] = [];
  for (const { planId: _planId, ...pick } of picks) {
    // The offer is listed even when Microsoft refuses its plans, so staff see which one failed.
    await ensureOffer(db, { id: pick.offerId, publisherId: pick.publisherId, displayName: pick.offerId });
    try {
      const loaded = await loadPlansFor(db, client, { ...pick, planId: _planId });
      results.push({ ...pick, ...loaded });
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
