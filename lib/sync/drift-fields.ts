import "server-only";
import type { DriftValue, NewSubscription, Subscription } from "@/db/schema";
import type { MarketplaceSubscriptionValues } from "@/lib/subscriptions/from-marketplace";
import type { ProvisioningState, SubscriptionStatus } from "@/lib/subscriptions/lifecycle";

type Kind = "text" | "email" | "int" | "bool" | "date" | "set";

/**
 * Marketplace-owned columns that staff must see when they differ: Microsoft is the source of
 * truth for them, but an unexplained difference may also mean a missed or pending webhook.
 */
export const DRIFT_FIELDS = {
  status: "text",
  planId: "text",
  quantity: "int",
  name: "text",
  termUnit: "text",
  termStartDate: "date",
  termEndDate: "date",
  autoRenew: "bool",
  isFreeTrial: "bool",
  isTest: "bool",
  allowedCustomerOperations: "set",
  sandboxType: "text",
  sessionMode: "text",
  purchaserEmail: "email",
  purchaserTenantId: "text",
  beneficiaryEmail: "email",
  beneficiaryTenantId: "text",
} as const satisfies Partial<Record<keyof Subscription, Kind>>;
export type DriftField = keyof typeof DRIFT_FIELDS;
export const DRIFT_FIELD_NAMES = Object.keys(DRIFT_FIELDS) as DriftField[];

/** Identifiers that only fill in detail (puid, object IDs): refreshed quietly, never reported as drift. */
export const QUIET_FIELDS = [
  "publisherId",
  "purchaserObjectId",
  "purchaserPuid",
  "beneficiaryObjectId",
  "beneficiaryPuid",
  "marketplaceCreatedAt",
] as const;

export const DRIFT_LABELS: Record<DriftField, string> = {
  status: "Status",
  planId: "Plan",
  quantity: "Quantity",
  name: "Name",
  termUnit: "Term",
  termStartDate: "Term start",
  termEndDate: "Term end",
  autoRenew: "Auto-renew",
  isFreeTrial: "Free trial",
  isTest: "Test purchase",
  allowedCustomerOperations: "Customer operations",
  sandboxType: "Sandbox",
  sessionMode: "Session mode",
  purchaserEmail: "Purchaser e-mail",
  purchaserTenantId: "Purchaser tenant",
  beneficiaryEmail: "Beneficiary e-mail",
  beneficiaryTenantId: "Beneficiary tenant",
};

export function isDriftField(field: string): field is DriftField {
  return Object.hasOwn(DRIFT_FIELDS, field);
}

/** A column value as stored in `sync_drift` (JSON), normalised so equal values compare equal. */
export function toDriftValue(field: DriftField, value: unknown): DriftValue {
  if (value === null || value === undefined) return null;
  switch (DRIFT_FIELDS[field]) {
    case "date":
      return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
    case "set":
      return [...(value as string[])].sort();
    case "email":
      // Microsoft's e-mail casing varies between calls; the address is the same.
      return String(value).toLowerCase();
    case "int":
      return Number(value);
    case "bool":
      return Boolean(value);
    default:
      return String(value);
  }
}

/** The JSON value back as the column expects it. */
export function fromDriftValue(field: DriftField, value: DriftValue): unknown {
  if (value === null) return null;
  return DRIFT_FIELDS[field] === "date" ? new Date(String(value)) : value;
}

export function sameDriftValue(a: DriftValue, b: DriftValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface FieldDrift {
  field: DriftField;
  local: DriftValue;
  marketplace: DriftValue;
}

export function compareSubscription(local: Subscription, remote: MarketplaceSubscriptionValues): FieldDrift[] {
  const out: FieldDrift[] = [];
  for (const field of DRIFT_FIELD_NAMES) {
    const a = toDriftValue(field, local[field]);
    const b = toDriftValue(field, remote[field]);
    if (!sameDriftValue(a, b)) out.push({ field, local: a, marketplace: b });
  }
  return out;
}

export function quietFieldsChanged(local: Subscription, remote: MarketplaceSubscriptionValues): boolean {
  return QUIET_FIELDS.some((f) => {
    const a = local[f];
    const b = remote[f] ?? null;
    return a instanceof Date || b instanceof Date ? (a as Date | null)?.getTime() !== (b as Date | null)?.getTime() : a !== b;
  });
}

/** The portal's own state that goes with Microsoft's status, for imports and accepted status drift. */
export function provisioningForStatus(status: SubscriptionStatus, current: ProvisioningState | null): ProvisioningState {
  switch (status) {
    case "Subscribed":
      return "active";
    case "Suspended":
      // Microsoft asks publishers to restrict access but keep everything recoverable.
      return "suspended";
    case "Unsubscribed":
      return "deprovisioned";
    default:
      return current ?? "new";
  }
}

/** Values to write when staff accept Microsoft's version of some fields. */
export function acceptedValues(current: Subscription, drifts: FieldDrift[], now: Date): Partial<NewSubscription> {
  const set: Record<string, unknown> = {};
  for (const d of drifts) set[d.field] = fromDriftValue(d.field, d.marketplace);
  const status = set.status as SubscriptionStatus | undefined;
  if (status) {
    set.provisioningState = provisioningForStatus(status, current.provisioningState);
    if (status === "Subscribed" && !current.activatedAt) set.activatedAt = now;
  }
  return set as Partial<NewSubscription>;
}
