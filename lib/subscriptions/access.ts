import "server-only";
import type { Subscription } from "@/db/schema";
import type { PortalUser } from "@/lib/auth";
import { guidOrNull } from "./from-marketplace";

// Buyers are recognised by the immutable `tid` + `oid` claims only. Microsoft documents `email`
// and `preferred_username` as mutable and unverified, unsuitable for authorization:
// https://learn.microsoft.com/en-us/entra/identity-platform/claims-validation

/** Every personal Microsoft account shares this `tid`: it never identifies a customer. */
export const MSA_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

export interface BuyerScope {
  /** The user's organisation, or null for a personal Microsoft account. */
  tenantId: string | null;
  objectId: string | null;
}

export function buyerScope(user: PortalUser): BuyerScope {
  const tenantId = guidOrNull(user.tenantId);
  return { tenantId: tenantId === MSA_TENANT_ID ? null : tenantId, objectId: guidOrNull(user.id) };
}

/**
 * A buyer may see and open a subscription bought by or for their organisation, bought by or for
 * them personally, or one they confirmed on the landing page. The same rule, in SQL, is
 * listSubscriptionsForBuyer.
 */
export function buyerCanSee(sub: Subscription, user: PortalUser): boolean {
  const { tenantId, objectId } = buyerScope(user);
  const same = (a: string | null, b: string | null) => a !== null && b !== null && a.toLowerCase() === b;
  return (
    same(sub.purchaserTenantId, tenantId) ||
    same(sub.beneficiaryTenantId, tenantId) ||
    same(sub.purchaserObjectId, objectId) ||
    same(sub.beneficiaryObjectId, objectId) ||
    same(sub.confirmedByObjectId, objectId)
  );
}
