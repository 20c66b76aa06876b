import type { NewSubscription, Subscription } from "@/db/schema";
import { sandboxType, sessionMode, termUnit } from "@/db/schema";
import type { AadIdentity, MarketplaceSubscription } from "@/lib/marketplace";
import type { SubscriptionStatus } from "./lifecycle";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guidOrNull = (v: string | undefined) => (v && GUID.test(v) ? v : null);

/** Microsoft's "no date" is 0001-01-01 (lastModified and friends); treat it like a missing date. */
function dateOrNull(v: string | undefined): Date | null {
  if (!v) return null;
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1970 ? null : d;
}

function oneOf<T extends string>(values: readonly T[], v: string | undefined): T | null {
  return v !== undefined && (values as readonly string[]).includes(v) ? (v as T) : null;
}

function identity(who: AadIdentity | undefined) {
  return { email: who?.email ?? null, objectId: guidOrNull(who?.objectId), tenantId: guidOrNull(who?.tenantId), puid: who?.puid ?? null };
}

export type MarketplaceSubscriptionValues = Omit<
  NewSubscription,
  "provisioningState" | "onboardingValues" | "confirmedByEmail" | "confirmedAt" | "activatedAt" | "createdAt" | "updatedAt"
>;

/** The status comes from the life-cycle table: GET subscription may lag or lead the operation applied. */
export function subscriptionValuesFrom(remote: MarketplaceSubscription, status: SubscriptionStatus, now: Date): MarketplaceSubscriptionValues {
  const purchaser = identity(remote.purchaser);
  const beneficiary = identity(remote.beneficiary);
  return {
    id: remote.id.toLowerCase(),
    name: remote.name,
    publisherId: remote.publisherId ?? null,
    offerId: remote.offerId,
    planId: remote.planId,
    quantity: remote.quantity === undefined ? null : Math.trunc(remote.quantity),
    status,
    purchaserEmail: purchaser.email,
    purchaserObjectId: purchaser.objectId,
    purchaserTenantId: purchaser.tenantId,
    purchaserPuid: purchaser.puid,
    beneficiaryEmail: beneficiary.email,
    beneficiaryObjectId: beneficiary.objectId,
    beneficiaryTenantId: beneficiary.tenantId,
    beneficiaryPuid: beneficiary.puid,
    termUnit: oneOf(termUnit.enumValues, remote.term?.termUnit),
    termStartDate: dateOrNull(remote.term?.startDate),
    termEndDate: dateOrNull(remote.term?.endDate),
    autoRenew: remote.autoRenew ?? true,
    isTest: remote.isTest,
    isFreeTrial: remote.isFreeTrial,
    sandboxType: oneOf(sandboxType.enumValues, remote.sandboxType) ?? "None",
    sessionMode: oneOf(sessionMode.enumValues, remote.sessionMode) ?? "None",
    allowedCustomerOperations: remote.allowedCustomerOperations,
    marketplaceCreatedAt: dateOrNull(remote.created),
    lastSyncedAt: now,
  };
}

const AUDITED = ["status", "planId", "quantity", "provisioningState", "termStartDate", "termEndDate", "autoRenew"] as const;

export function diffSubscription(before: Subscription | undefined, after: Subscription): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of AUDITED) {
    const from = before?.[key] ?? null;
    const to = after[key] ?? null;
    const same = from instanceof Date && to instanceof Date ? from.getTime() === to.getTime() : from === to;
    if (!same) changes[key] = { from: from instanceof Date ? from.toISOString() : from, to: to instanceof Date ? to.toISOString() : to };
  }
  return changes;
}
