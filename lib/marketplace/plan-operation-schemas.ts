import { z } from "zod";
import { OPERATION_ACTIONS, OPERATION_STATUSES, TERM_UNITS, type OperationAction, type OperationStatus, type TermUnit } from "./enums";
import {
  arrayOrEmpty,
  booleanDefaultFalse,
  emptyBodyAs,
  isoDateString,
  lenientNumber,
  optionalString,
  optionalTolerantEnum,
  tolerantEnum,
} from "./schema-primitives";

export interface BillingTerm {
  currency?: string;
  price?: number;
  termUnit?: TermUnit;
  termDescription?: string;
  meteredQuantityIncluded: { dimensionId: string; units: string }[];
}

export interface MeteringDimension {
  id: string;
  currency?: string;
  pricePerUnit?: number;
  unitOfMeasure?: string;
  displayName?: string;
}

export interface MarketplacePlan {
  planId: string;
  displayName: string;
  description?: string;
  isPrivate: boolean;
  isPricePerSeat: boolean;
  hasFreeTrials: boolean;
  isStopSell: boolean;
  market?: string;
  minQuantity?: number;
  maxQuantity?: number;
  recurrentBillingTerms: BillingTerm[];
  meteringDimensions: MeteringDimension[];
  /** Private offer IDs; only returned when listAvailablePlans is filtered by the purchased plan. */
  sourceOffers: { externalId: string }[];
}

const billingTermSchema = z
  .looseObject({
    currency: optionalString,
    price: lenientNumber,
    termUnit: optionalTolerantEnum(TERM_UNITS),
    termDescription: optionalString,
    meteredQuantityIncluded: arrayOrEmpty(
      z.looseObject({ dimensionId: z.string(), units: z.union([z.string(), z.number()]).transform(String) }),
    ),
  })
  .transform((w): BillingTerm => ({
    currency: w.currency,
    price: w.price,
    termUnit: w.termUnit,
    termDescription: w.termDescription,
    meteredQuantityIncluded: w.meteredQuantityIncluded.map((m) => ({ dimensionId: m.dimensionId, units: m.units })),
  }));

const meteringDimensionSchema = z
  .looseObject({
    id: z.string(),
    currency: optionalString,
    pricePerUnit: lenientNumber,
    unitOfMeasure: optionalString,
    displayName: optionalString,
  })
  .transform((w): MeteringDimension => ({
    id: w.id,
    currency: w.currency,
    pricePerUnit: w.pricePerUnit,
    unitOfMeasure: w.unitOfMeasure,
    displayName: w.displayName,
  }));

export const planSchema = z
  .looseObject({
    planId: z.string().min(1),
    displayName: optionalString,
    description: optionalString,
    isPrivate: booleanDefaultFalse,
    isPricePerSeat: booleanDefaultFalse,
    hasFreeTrials: booleanDefaultFalse,
    isStopSell: booleanDefaultFalse,
    market: optionalString,
    minQuantity: lenientNumber,
    maxQuantity: lenientNumber,
    planComponents: z
      .looseObject({
        recurrentBillingTerms: arrayOrEmpty(billingTermSchema),
        meteringDimensions: arrayOrEmpty(meteringDimensionSchema),
      })
      .nullish(),
    sourceOffers: arrayOrEmpty(z.looseObject({ externalId: z.string() })),
  })
  .transform((w): MarketplacePlan => ({
    planId: w.planId,
    displayName: w.displayName ?? w.planId,
    description: w.description,
    isPrivate: w.isPrivate,
    isPricePerSeat: w.isPricePerSeat,
    hasFreeTrials: w.hasFreeTrials,
    isStopSell: w.isStopSell,
    market: w.market,
    minQuantity: w.minQuantity,
    maxQuantity: w.maxQuantity,
    recurrentBillingTerms: w.planComponents?.recurrentBillingTerms ?? [],
    meteringDimensions: w.planComponents?.meteringDimensions ?? [],
    sourceOffers: w.sourceOffers.map((o) => ({ externalId: o.externalId })),
  }));

// `{plans:[...]}` per the spec; Microsoft's emulator answers `[]` for an unknown subscription.
export const planListSchema = emptyBodyAs(
  [],
  z.union([z.array(planSchema), z.looseObject({ plans: arrayOrEmpty(planSchema) }).transform((w) => w.plans)]),
);

export interface MarketplaceOperation {
  id: string;
  activityId?: string;
  subscriptionId?: string;
  offerId?: string;
  publisherId?: string;
  planId?: string;
  quantity?: number;
  action: OperationAction;
  timeStamp?: string;
  status: OperationStatus;
  errorStatusCode?: string;
  errorMessage?: string;
  operationRequestSource?: string;
}

export const operationSchema = z
  .looseObject({
    id: z.string().min(1),
    activityId: optionalString,
    subscriptionId: optionalString,
    offerId: optionalString,
    publisherId: optionalString,
    planId: optionalString,
    quantity: lenientNumber,
    action: tolerantEnum(OPERATION_ACTIONS),
    timeStamp: isoDateString,
    status: z.enum(OPERATION_STATUSES),
    errorStatusCode: z
      .union([z.string(), z.number()])
      .nullish()
      .transform((v) => (v === null || v === undefined ? undefined : String(v))),
    errorMessage: optionalString,
    operationRequestSource: optionalString,
  })
  .transform((w): MarketplaceOperation => ({
    id: w.id,
    activityId: w.activityId,
    subscriptionId: w.subscriptionId,
    offerId: w.offerId,
    publisherId: w.publisherId,
    planId: w.planId,
    quantity: w.quantity,
    action: w.action,
    timeStamp: w.timeStamp,
    status: w.status,
    errorStatusCode: w.errorStatusCode,
    errorMessage: w.errorMessage,
    operationRequestSource: w.operationRequestSource,
  }));

// The docs say "returns empty json" when nothing is pending, and Microsoft's
// emulator returns a bare array, so all of `{operations}`, `{}`, `[]` and "" are accepted.
export const operationListSchema = emptyBodyAs(
  [],
  z.union([z.array(operationSchema), z.looseObject({ operations: arrayOrEmpty(operationSchema) }).transform((w) => w.operations)]),
);
