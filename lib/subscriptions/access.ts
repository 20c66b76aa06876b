import type { Subscription } from "@/db/schema";
import type { PortalUser } from "@/lib/auth";

/** Every personal Microsoft account shares this `tid`: it never identifies a customer. */
export const MSA_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

export function buyerScope(user: PortalUser): { email: string | null; tenantId: string | null } {
  const tenantId = user.tenantId && user.tenantId !== MSA_TENANT_ID ? user.tenantId : null;
  return { email: user.email?.toLowerCase() ?? null, tenantId };
}

/** A buyer sees a subscription of their own tenant, or one bought for or by their e-mail. */
export function buyerCanSee(sub: Subscription, user: PortalUser): boolean {
  const { email, tenantId } = buyerScope(user);
  return Boolean(
    (tenantId && (sub.purchaserTenantId === tenantId || sub.beneficiaryTenantId === tenantId)) ||
      (email && (sub.purchaserEmail === email || sub.beneficiaryEmail === email)) ||
      sub.confirmedByObjectId === user.id,
  );
}
