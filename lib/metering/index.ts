import "server-only";
/**
 * Metered billing (issue 11 items 3-7): ingestion, hourly aggregation, included quantities,
 * submission to Microsoft's Metered Billing API, scheduled quantities and reconciliation.
 *
 * Exports (server-only; all SQL lives in db/queries/usage*.ts):
 * - `usageEventSchema`, `UsageEventIn`, `UsageSource`, `IngestResult`, `UsageRejection(Code)`
 * - `ingestUsage(db, events, source, { now? })` → `{ accepted, duplicates, rejected[{ index, code, message }] }`
 *   codes: unknown_subscription | not_metered | unknown_dimension | outside_window | invalid.
 *   Manual and CSV sources also write an audit row (`usage.posted`, `usage.imported`).
 * - `listUsageHours(db, { subscriptionId?, dimension?, from?, to?, limit? })` → UsageHour rows
 *   (quantity, includedQuantity, reportedQuantity, lateQuantity, status, marketplaceUsageEventId,
 *   attempts, nextAttemptAt, lastError, expiryWarnedAt, reportedAt, planId, …), newest first.
 *   Status: open (collecting or closed, not split yet), ready (to send), submitting, accepted,
 *   duplicate (both billed), nothing_to_report (all included), expired, rejected, failed.
 *   lateQuantity: usage that arrived after the hour was split, moved by the next pass.
 * - `usageThisTerm(db, subscriptionId, { now? })` → per dimension { dimension, included (allowance),
 *   includedUsed, used, reported, billed, termStart, termEnd }.
 * - `usageOverview(db, { days, now? })` → { daily[{ day, dimension, quantity, included, reported }],
 *   failures: UsageHour[] (expired/rejected/failed, lastError = reason), nearExpiry: UsageHour[] }.
 * - `submitClosedHours(db, client, { now?, closeDelayMs?, concurrency?, … })` → { split, moved, scheduled,
 *   sent, accepted, duplicate, rejected, expired, retrying, warned, prepareMs, sendMs }: one pass
 *   (the job in lib/metering/job.ts, started by lib/startup.ts, and `portal usage submit`).
 * - `runUsageSubmit(db, client, { concurrency? })` in ./cli: what the command line's `usage submit` calls.
 * - `createUsageSchedule`, `listUsageSchedules`, `endUsageSchedule`: fixed quantities on a cadence.
 * - `reconcileUsage(db, client, { from, to })`: Microsoft's usageEvents against the portal's hours.
 */
export { usageEventSchema, usageScheduleInputSchema, USAGE_REJECTION_CODES } from "./schemas";
export type {
  UsageEventIn,
  UsageSource,
  UsageSourceKind,
  IngestResult,
  UsageRejection,
  UsageRejectionCode,
  UsageScheduleInput,
} from "./schemas";
export { ingestUsage } from "./ingest";
export { listUsageHours, usageThisTerm, usageOverview, type TermUsage, type UsageHoursFilter } from "./read";
export { HOUR_MS, WINDOW_MS, hourOf, windowEndOf } from "./window";
export { submitClosedHours, retryDelayMs, type SubmitOptions, type SubmitResult, type MeteringClient } from "./submit";
export { createUsageSchedule, listUsageSchedules, endUsageSchedule, runSchedules } from "./schedules";
export { reconcileUsage, type UsageDifference } from "./reconcile";
export { includedUnits, termOf } from "./terms";
