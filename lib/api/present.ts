import "server-only";
import type { Subscription } from "@/db/schema";
import type { SubscriptionOut, TermUsageOut, UsageHourOut } from "./schemas";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** A subscription as /api/v1 shows it: Microsoft's fields, without the portal's internal state. */
export function presentSubscription(s: Subscription): SubscriptionOut {
  return {
    id: s.id,
    name: s.name,
    offerId: s.offerId,
    planId: s.planId,
    quantity: s.quantity,
    status: s.status,
    term: { unit: s.termUnit, startDate: iso(s.termStartDate), endDate: iso(s.termEndDate), autoRenew: s.autoRenew },
    purchaser: { tenantId: s.purchaserTenantId, objectId: s.purchaserObjectId, email: s.purchaserEmail },
    beneficiary: { tenantId: s.beneficiaryTenantId, objectId: s.beneficiaryObjectId, email: s.beneficiaryEmail },
    isTest: s.isTest,
    isFreeTrial: s.isFreeTrial,
    createdAt: s.createdAt.toISOString(),
  };
}

export interface TermUsageRow {
  dimension: string;
  included: unknown;
  used: unknown;
  reported: unknown;
  termStart: Date | string | null;
  termEnd: Date | string | null;
}

const isoOf = (d: Date | string | null | undefined) => (d === null || d === undefined ? null : new Date(d).toISOString());

export function presentTermUsage(u: TermUsageRow): TermUsageOut {
  return {
    dimension: u.dimension,
    included: num(u.included),
    used: num(u.used),
    reported: num(u.reported),
    termStart: isoOf(u.termStart),
    termEnd: isoOf(u.termEnd),
  };
}

export interface UsageHourRow {
  subscriptionId: string;
  dimension: string;
  hour: Date | string;
  quantity: unknown;
  includedQuantity: unknown;
  reportedQuantity: unknown;
  status: UsageHourOut["status"];
  marketplaceUsageEventId?: string | null;
  reportedAt?: Date | string | null;
  lastError?: string | null;
}

export function presentUsageHour(h: UsageHourRow): UsageHourOut {
  return {
    subscriptionId: h.subscriptionId,
    dimension: h.dimension,
    hour: new Date(h.hour).toISOString(),
    quantity: num(h.quantity),
    includedQuantity: num(h.includedQuantity),
    reportedQuantity: num(h.reportedQuantity),
    status: h.status,
    marketplaceUsageEventId: h.marketplaceUsageEventId ?? null,
    reportedAt: isoOf(h.reportedAt),
    lastError: h.lastError ?? null,
  };
}
