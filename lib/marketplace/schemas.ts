import { z } from "zod";
import {
  arrayOrEmpty,
  booleanDefaultFalse,
  emptyBodyAs,
  isoDateString,
  lenientNumber,
  optionalBoolean,
  optionalString,
  optionalTolerantEnum,
} from "./schema-primitives";
import { SAAS_SUBSCRIPTION_STATUSES, TERM_UNITS, type SaasSubscriptionStatus, type TermUnit } from "./enums";

// Wire schemas for the SaaS Fulfillment API v2. Objects are loose because Microsoft
// adds fields without notice; each schema reshapes the wire body into our own type.

export interface AadIdentity {
  email?: string;
  objectId?: string;
  tenantId?: string;
  puid?: string;
}

export interface SubscriptionTerm {
  termUnit?: TermUnit;
  startDate?: string;
  endDate?: string;
  chargeDuration?: string;
}

export interface MarketplaceSubscription {
  id: string;
  name: string;
  publisherId?: string;
  offerId: string;
  planId: string;
  quantity?: number;
  status: SaasSubscriptionStatus;
  beneficiary?: AadIdentity;
  purchaser?: AadIdentity;
  term?: SubscriptionTerm;
  autoRenew?: boolean;
  isTest: boolean;
  isFreeTrial: boolean;
  /** "Read" | "Update" | "Delete"; CSP purchases get only "Read". */
  allowedCustomerOperations: string[];
  sandboxType?: string;
  sessionMode?: string;
  created?: string;
}

export const aadIdentitySchema = z
  .looseObject({
    emailId: optionalString,
    objectId: optionalString,
    tenantId: optionalString,
    puid: optionalString,
  })
  .transform((w): AadIdentity => ({ email: w.emailId, objectId: w.objectId, tenantId: w.tenantId, puid: w.puid }));

const termSchema = z.looseObject({
  termUnit: optionalTolerantEnum(TERM_UNITS),
  startDate: isoDateString,
  endDate: isoDateString,
  chargeDuration: optionalString,
});

export const subscriptionSchema = z
  .looseObject({
    id: z.string().min(1),
    name: optionalString,
    publisherId: optionalString,
    offerId: z.string(),
    planId: z.string(),
    quantity: lenientNumber,
    saasSubscriptionStatus: z.enum(SAAS_SUBSCRIPTION_STATUSES),
    beneficiary: aadIdentitySchema.nullish(),
    purchaser: aadIdentitySchema.nullish(),
    term: termSchema.nullish(),
    autoRenew: optionalBoolean,
    isTest: booleanDefaultFalse,
    isFreeTrial: booleanDefaultFalse,
    allowedCustomerOperations: arrayOrEmpty(z.string()),
    sandboxType: optionalString,
    sessionMode: optionalString,
    created: isoDateString,
  })
  .transform((w): MarketplaceSubscription => ({
    id: w.id,
    name: w.name ?? "",
    publisherId: w.publisherId,
    offerId: w.offerId,
    planId: w.planId,
    quantity: w.quantity,
    status: w.saasSubscriptionStatus,
    beneficiary: w.beneficiary ?? undefined,
    purchaser: w.purchaser ?? undefined,
    term: w.term
      ? { termUnit: w.term.termUnit, startDate: w.term.startDate, endDate: w.term.endDate, chargeDuration: w.term.chargeDuration }
      : undefined,
    autoRenew: w.autoRenew,
    isTest: w.isTest,
    isFreeTrial: w.isFreeTrial,
    allowedCustomerOperations: w.allowedCustomerOperations,
    sandboxType: w.sandboxType,
    sessionMode: w.sessionMode,
    created: w.created,
  }));

export interface ResolvedPurchase {
  subscriptionId: string;
  subscriptionName: string;
  offerId: string;
  planId: string;
  quantity?: number;
  subscription?: MarketplaceSubscription;
}

export const resolvedSubscriptionSchema = z
  .looseObject({
    id: z.string().min(1),
    subscriptionName: optionalString,
    offerId: z.string(),
    planId: z.string(),
    quantity: lenientNumber,
    subscription: subscriptionSchema.nullish(),
  })
  .transform((w): ResolvedPurchase => ({
    subscriptionId: w.id,
    subscriptionName: w.subscriptionName ?? w.subscription?.name ?? "",
    offerId: w.offerId,
    planId: w.planId,
    quantity: w.quantity,
    subscription: w.subscription ?? undefined,
  }));

export interface SubscriptionsPage {
  subscriptions: MarketplaceSubscription[];
  /** Microsoft's `@nextLink`: absent or empty on the last page. */
  nextLink?: string;
}

// Microsoft answers with an empty body, not `{}`, when the publisher has no subscriptions.
export const subscriptionsPageSchema = emptyBodyAs(
  {},
  z.looseObject({
    subscriptions: arrayOrEmpty(subscriptionSchema),
    "@nextLink": optionalString,
  }),
).transform((w): SubscriptionsPage => ({ subscriptions: w.subscriptions, nextLink: w["@nextLink"] || undefined }));

export {
  operationListSchema,
  operationSchema,
  planListSchema,
  planSchema,
  type BillingTerm,
  type MarketplaceOperation,
  type MarketplacePlan,
  type MeteringDimension,
} from "./plan-operation-schemas";
export * from "./metering-schemas";
export * from "./enums";
