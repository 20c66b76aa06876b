import { invalidRequestError } from "./errors";
import type { CallOptions, HttpCore } from "./http";
import type { ReconStatus } from "./enums";
import {
  batchUsageResultSchema,
  usageConflictSchema,
  usageEventRecordListSchema,
  usageEventResultSchema,
  type BatchUsageResult,
  type PostUsageEventResult,
  type UsageEventInput,
  type UsageEventRecord,
} from "./schemas";

/** Microsoft rejects batches outside 1..25 events with 400; we refuse them before sending. */
export const MAX_BATCH_EVENTS = 25;

export interface UsageEventsQuery {
  usageStartDate: Date | string;
  usageEndDate?: Date | string;
  offerId?: string;
  planId?: string;
  dimension?: string;
  azureSubscriptionId?: string;
  reconStatus?: ReconStatus;
}

// Metering posts are retried after 5xx and lost connections: Microsoft accepts one event per
// resource, dimension and hour, and a repeat of an already-recorded event comes back as 409.
export function createMeteringApi(http: HttpCore) {
  return {
    async postUsageEvent(event: UsageEventInput, call?: CallOptions): Promise<PostUsageEventResult> {
      const body = toWireEvent(event, "postUsageEvent");
      const res = await http.send(
        { operation: "postUsageEvent", method: "POST", path: "/usageEvent", body, retry: "idempotent", passThrough: [409] },
        call,
      );
      if (res.status === 409) {
        const conflict = http.parse(usageConflictSchema, res, "postUsageEvent");
        return { status: "Duplicate", original: conflict.additionalInfo?.acceptedMessage ?? undefined };
      }
      return { status: "Accepted", event: http.parse(usageEventResultSchema, res, "postUsageEvent") };
    },

    /** The batch answers 200 even when single events fail: check every result's status. */
    async postBatchUsageEvents(events: readonly UsageEventInput[], call?: CallOptions): Promise<BatchUsageResult> {
      if (!Array.isArray(events) || events.length < 1 || events.length > MAX_BATCH_EVENTS) {
        throw invalidRequestError("postBatchUsageEvents", `a batch holds 1 to ${MAX_BATCH_EVENTS} events, got ${events?.length ?? 0}`);
      }
      const body = { request: events.map((e) => toWireEvent(e, "postBatchUsageEvents")) };
      const res = await http.send(
        { operation: "postBatchUsageEvents", method: "POST", path: "/batchUsageEvent", body, retry: "idempotent" },
        call,
      );
      return http.parse(batchUsageResultSchema, res, "postBatchUsageEvents");
    },

    async getUsageEvents(query: UsageEventsQuery, call?: CallOptions): Promise<UsageEventRecord[]> {
      const res = await http.send(
        {
          operation: "getUsageEvents",
          method: "GET",
          path: "/usageEvents",
          query: {
            usageStartDate: toIsoTime(query.usageStartDate, "getUsageEvents"),
            // Microsoft spells this one parameter with a capital U.
            UsageEndDate: query.usageEndDate === undefined ? undefined : toIsoTime(query.usageEndDate, "getUsageEvents"),
            offerId: query.offerId,
            planId: query.planId,
            dimension: query.dimension,
            azureSubscriptionId: query.azureSubscriptionId,
            reconStatus: query.reconStatus,
          },
          retry: "idempotent",
        },
        call,
      );
      return http.parse(usageEventRecordListSchema, res, "getUsageEvents");
    },
  };
}

function toWireEvent(event: UsageEventInput, operation: string) {
  return {
    resourceId: event.resourceId,
    quantity: event.quantity,
    dimension: event.dimension,
    effectiveStartTime: toIsoTime(event.effectiveStartTime, operation),
    planId: event.planId,
  };
}

function toIsoTime(value: Date | string, operation: string): string {
  if (typeof value === "string") return value;
  if (Number.isNaN(value.getTime())) throw invalidRequestError(operation, "invalid Date");
  return value.toISOString();
}
