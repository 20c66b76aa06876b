import "server-only";
import { z } from "zod";
import { SAAS_SUBSCRIPTION_STATUSES } from "@/lib/marketplace/enums";
import { usageHourStatus } from "@/db/schema";
import { USAGE_REJECTION_CODES, usageEventSchema } from "@/lib/metering/schemas";

/**
 * The wire schemas of /api/v1. The same objects validate requests (route handlers) and describe
 * every request and response in the OpenAPI document (./openapi.ts), so the two cannot drift.
 * `.meta({ id })` names a schema in the document's components.
 */

export const MAX_EVENTS_PER_REQUEST = 1_000;

export const problemSchema = z
  .object({
    type: z.string().meta({ description: "A URI reference naming the kind of problem; `about:blank` when the status says it all." }),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    /** zod's issues for a request that does not parse. */
    issues: z.array(z.object({ path: z.array(z.union([z.string(), z.int()])), message: z.string(), code: z.string() })).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details." });

export const usageEventIn = usageEventSchema.meta({ id: "UsageEvent" });

export const usageSubmissionSchema = z
  .object({ events: z.array(usageEventIn).min(1).max(MAX_EVENTS_PER_REQUEST) })
  .meta({ id: "UsageSubmission" });

export const usageResultSchema = z
  .object({
    accepted: z.int().min(0),
    duplicates: z.int().min(0).meta({ description: "Events whose `id` was already accepted for the subscription: never counted twice." }),
    rejected: z.array(z.object({ index: z.int().min(0), code: z.enum(USAGE_REJECTION_CODES), message: z.string() })),
  })
  .meta({ id: "UsageResult" });

const isoDate = z.iso.datetime({ offset: true });
const guid = z.guid();

const party = z.object({ tenantId: guid.nullable(), objectId: guid.nullable(), email: z.string().nullable() });

export const subscriptionSchema = z
  .object({
    id: guid,
    name: z.string(),
    offerId: z.string(),
    planId: z.string(),
    quantity: z.int().nullable(),
    status: z.enum(SAAS_SUBSCRIPTION_STATUSES),
    term: z.object({ unit: z.string().nullable(), startDate: isoDate.nullable(), endDate: isoDate.nullable(), autoRenew: z.boolean() }),
    purchaser: party,
    beneficiary: party,
    isTest: z.boolean(),
    isFreeTrial: z.boolean(),
    createdAt: isoDate,
  })
  .meta({ id: "Subscription" });

export const termUsageSchema = z
  .object({
    dimension: z.string(),
    included: z.number().meta({ description: "The plan's meteredQuantityIncluded for this term." }),
    used: z.number(),
    reported: z.number().meta({ description: "Usage above the included quantity, reported (or to be reported) to Microsoft." }),
    termStart: isoDate.nullable(),
    termEnd: isoDate.nullable(),
  })
  .meta({ id: "TermUsage" });

export const subscriptionDetailSchema = subscriptionSchema
  .extend({ usageThisTerm: z.array(termUsageSchema) })
  .meta({ id: "SubscriptionDetail" });

export const subscriptionPageSchema = z
  .object({
    items: z.array(subscriptionSchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
  })
  .meta({ id: "SubscriptionPage" });

export const subscriptionListQuery = z.object({
  status: z.enum(SAAS_SUBSCRIPTION_STATUSES).optional(),
  offer: z.string().min(1).max(200).optional(),
  plan: z.string().min(1).max(200).optional(),
  tenant: guid.optional().meta({ description: "Purchaser or beneficiary tenant." }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(500).optional(),
});

export const subscriptionIdParams = z.object({ id: guid });

export const usageQuery = z
  .object({
    subscriptionId: guid,
    dimension: z.string().min(1).max(64).optional(),
    from: isoDate.optional().meta({ description: "First hour to include (inclusive)." }),
    to: isoDate.optional().meta({ description: "End of the range (exclusive)." }),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: "`from` must be before `to`", path: ["from"] });

export const usageHourSchema = z
  .object({
    subscriptionId: guid,
    dimension: z.string(),
    hour: isoDate,
    quantity: z.number(),
    includedQuantity: z.number(),
    reportedQuantity: z.number(),
    status: z.enum(usageHourStatus.enumValues),
    marketplaceUsageEventId: z.string().nullable(),
    reportedAt: isoDate.nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: "UsageHour" });

export const usageHoursSchema = z.object({ items: z.array(usageHourSchema) }).meta({ id: "UsageHours" });

export type SubscriptionOut = z.infer<typeof subscriptionSchema>;
export type UsageHourOut = z.infer<typeof usageHourSchema>;
export type TermUsageOut = z.infer<typeof termUsageSchema>;
export type UsageResultOut = z.infer<typeof usageResultSchema>;
