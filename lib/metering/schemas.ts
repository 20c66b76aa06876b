import "server-only";
import { z } from "zod";

/** One usage event as the ISV's systems send it (POST /api/v1/usage, CSV import, manual posting). */
export const usageEventSchema = z.strictObject({
  /** Idempotency key: a repeated one for the same subscription is a duplicate, never counted twice. */
  id: z.string().min(1).max(128).optional(),
  subscriptionId: z.guid(),
  dimension: z.string().min(1).max(64),
  quantity: z.number().positive().finite(),
  timestamp: z.iso.datetime({ offset: true }),
});
export type UsageEventIn = z.infer<typeof usageEventSchema>;

export type UsageSourceKind = "api" | "manual" | "csv" | "schedule";
export interface UsageSource {
  kind: UsageSourceKind;
  /** API key ID, staff e-mail, file name or schedule ID. */
  ref: string;
}

export const USAGE_REJECTION_CODES = ["unknown_subscription", "not_metered", "unknown_dimension", "outside_window", "invalid"] as const;
export type UsageRejectionCode = (typeof USAGE_REJECTION_CODES)[number];
export interface UsageRejection {
  index: number;
  code: UsageRejectionCode;
  message: string;
}
export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: UsageRejection[];
}

export const usageCadenceSchema = z.enum(["hourly", "daily", "monthly", "one_time"]);
export const usageScheduleInputSchema = z.strictObject({
  subscriptionId: z.guid(),
  dimension: z.string().min(1).max(64),
  quantity: z.number().positive().finite(),
  cadence: usageCadenceSchema,
  startsAt: z.coerce.date(),
  endsAt: z.coerce.date().optional(),
});
export type UsageScheduleInput = z.input<typeof usageScheduleInputSchema>;
