import { z } from "zod";
import { RECON_STATUSES, USAGE_EVENT_STATUSES, type ReconStatus, type UsageEventStatus } from "./enums";
import { emptyBodyAs, isoDateString, lenientNumber, optionalString, optionalTolerantEnum, tolerantEnum } from "./schema-primitives";

/** One usage event as the portal builds it; `resourceId` is the SaaS subscription ID. */
export interface UsageEventInput {
  resourceId: string;
  /** Units consumed in the hour; must be > 0 (fractions allowed). */
  quantity: number;
  dimension: string;
  /** Start of the hour being reported; within the last 24 hours. */
  effectiveStartTime: Date | string;
  planId: string;
}

export interface UsageEventError {
  code?: string;
  message?: string;
  additionalInfo?: unknown;
}

export interface UsageEventResult {
  usageEventId?: string;
  status: UsageEventStatus;
  messageTime?: string;
  resourceId?: string;
  resourceUri?: string;
  quantity?: number;
  dimension?: string;
  effectiveStartTime?: string;
  planId?: string;
  error?: UsageEventError;
}

/** A 409 for the same resource, dimension and hour means the usage is already recorded. */
export type PostUsageEventResult = { status: "Accepted"; event: UsageEventResult } | { status: "Duplicate"; original?: UsageEventResult };

export interface BatchUsageResult {
  count: number;
  results: UsageEventResult[];
}

export interface UsageEventRecord {
  usageDate?: string;
  usageResourceId?: string;
  dimension?: string;
  planId?: string;
  planName?: string;
  offerId?: string;
  offerName?: string;
  offerType?: string;
  azureSubscriptionId?: string;
  reconStatus?: ReconStatus;
  submittedQuantity?: number;
  processedQuantity?: number;
  submittedCount?: number;
}

const usageEventErrorSchema = z
  .looseObject({ code: optionalString, message: optionalString, additionalInfo: z.unknown().optional() })
  .transform((w): UsageEventError => ({ code: w.code, message: w.message, additionalInfo: w.additionalInfo }));

export const usageEventResultSchema = z
  .looseObject({
    usageEventId: optionalString,
    status: tolerantEnum(USAGE_EVENT_STATUSES),
    messageTime: isoDateString,
    resourceId: optionalString,
    resourceUri: optionalString,
    quantity: lenientNumber,
    dimension: optionalString,
    effectiveStartTime: isoDateString,
    planId: optionalString,
    error: usageEventErrorSchema.nullish(),
  })
  .transform((w): UsageEventResult => ({
    usageEventId: w.usageEventId,
    status: w.status,
    messageTime: w.messageTime,
    resourceId: w.resourceId,
    resourceUri: w.resourceUri,
    quantity: w.quantity,
    dimension: w.dimension,
    effectiveStartTime: w.effectiveStartTime,
    planId: w.planId,
    ...(w.error ? { error: w.error } : {}),
  }));

export const usageConflictSchema = z.looseObject({
  code: optionalString,
  message: optionalString,
  additionalInfo: z
    .looseObject({ acceptedMessage: usageEventResultSchema.nullish().catch(undefined) })
    .nullish()
    .catch(undefined),
});

export const batchUsageResultSchema = z
  .looseObject({
    count: lenientNumber,
    result: z
      .array(usageEventResultSchema)
      .nullish()
      .transform((v) => v ?? []),
  })
  .transform((w): BatchUsageResult => ({ count: w.count ?? w.result.length, results: w.result }));

const usageEventRecordSchema = z
  .looseObject({
    usageDate: isoDateString,
    usageResourceId: optionalString,
    dimension: optionalString,
    planId: optionalString,
    planName: optionalString,
    offerId: optionalString,
    offerName: optionalString,
    offerType: optionalString,
    azureSubscriptionId: optionalString,
    reconStatus: optionalTolerantEnum(RECON_STATUSES),
    submittedQuantity: lenientNumber,
    processedQuantity: lenientNumber,
    submittedCount: lenientNumber,
  })
  .transform((w): UsageEventRecord => ({
    usageDate: w.usageDate,
    usageResourceId: w.usageResourceId,
    dimension: w.dimension,
    planId: w.planId,
    planName: w.planName,
    offerId: w.offerId,
    offerName: w.offerName,
    offerType: w.offerType,
    azureSubscriptionId: w.azureSubscriptionId,
    reconStatus: w.reconStatus,
    submittedQuantity: w.submittedQuantity,
    processedQuantity: w.processedQuantity,
    submittedCount: w.submittedCount,
  }));

export const usageEventRecordListSchema = emptyBodyAs([], z.array(usageEventRecordSchema));
