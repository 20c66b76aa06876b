import "server-only";
import { logConsole } from "@/lib/log";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { insertAuditEvents } from "@/db/queries/usage-audit";
import {
  analyzeUsageHours,
  claimHoursToSend,
  expireUnsentHours,
  flagHoursNearExpiry,
  recordOutcomes,
  type HourOutcome,
} from "@/db/queries/usage-submit";
import type { UsageHour } from "@/db/schema";
import type { MarketplaceClient } from "@/lib/marketplace";
import { MAX_BATCH_EVENTS } from "@/lib/marketplace/metering";
import type { UsageEventResult } from "@/lib/marketplace/metering-schemas";
import { auditOf, expiredAudit } from "./audit";
import { moveLateUsage } from "./late";
import { runSchedules } from "./schedules";
import { closeDelayMs } from "./settings";
import { splitClosedHours } from "./split";
import { HOUR_MS, NEAR_EXPIRY_MS, WINDOW_MS, windowEndOf } from "./window";

export type MeteringClient = Pick<MarketplaceClient, "postBatchUsageEvents">;

export interface SubmitOptions {
  now?: Date;
  closeDelayMs?: number;
  /** Hours claimed per round; each round sends them in batches of 25. */
  claimLimit?: number;
  /** Batches in flight at once. */
  concurrency?: number;
  /** How long a claim is held before another pass may re-send it (crash recovery). */
  leaseMs?: number;
  log?: Pick<Console, "warn" | "error" | "info">;
}

export interface SubmitResult {
  split: number;
  moved: number;
  scheduled: number;
  sent: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  expired: number;
  retrying: number;
  warned: number;
  /** Milliseconds spent preparing (schedules, late usage, splitting) and sending. */
  prepareMs: number;
  sendMs: number;
}

// Statuses Microsoft answers per item (Metered Billing API, batch response:
// https://learn.microsoft.com/en-us/partner-center/marketplace-offers/marketplace-metering-service-apis).
const REJECTED = new Set([
  "ResourceNotFound",
  "ResourceNotAuthorized",
  "ResourceNotActive",
  "InvalidDimension",
  "InvalidQuantity",
  "BadArgument",
]);

/** Backoff for transient failures: 1, 2, 4 … minutes, at most 30, always inside the window (expiry stops it). */
export const retryDelayMs = (attempts: number) => Math.min(30 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));

/**
 * One submission pass: schedules become events, late usage moves to the earliest unreported
 * hour, closed hours are split into included and reported parts, then the reportable ones are
 * claimed (marked `submitting` with an attempt ID, committed) and only then sent. A pass that dies
 * after sending leaves them `submitting`; when the lease ends the next pass re-sends the very same
 * (resource, dimension, hour), which Microsoft answers with Duplicate if it had recorded it: an
 * hour is never billed twice. Several instances share the work through FOR UPDATE SKIP LOCKED.
 */
export async function submitClosedHours(db: Db, client: MeteringClient, opts: SubmitOptions = {}): Promise<SubmitResult> {
  const now = opts.now ?? new Date();
  const log = opts.log ?? logConsole;
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const closedBefore = new Date(now.getTime() - (opts.closeDelayMs ?? closeDelayMs()) - HOUR_MS);
  const result: SubmitResult = {
    split: 0,
    moved: 0,
    scheduled: 0,
    sent: 0,
    accepted: 0,
    duplicate: 0,
    rejected: 0,
    expired: 0,
    retrying: 0,
    warned: 0,
    prepareMs: 0,
    sendMs: 0,
  };
  const started = performance.now();

  result.scheduled = await runSchedules(db, now);
  result.moved = await moveLateUsage(db, { now, windowStart });
  let expired = 0;
  for (;;) {
    // Hours split already expired are audited (usage.rejected) in the split's own transaction.
    const splits = await splitClosedHours(db, { closedBefore, windowStart });
    result.split += splits.length;
    expired += splits.filter((s) => s.status === "expired").length;
    if (splits.length === 0) break;
  }
  // Each state change commits with its audit event, so its outbound event exists exactly once.
  expired += await db.transaction(async (tx) => {
    const hours = await expireUnsentHours(tx, windowStart, now);
    await insertAuditEvents(tx, hours.map(expiredAudit));
    return hours.length;
  });
  result.expired += expired;
  if (expired > 0) log.warn(`metering: ${expired} hour(s) passed Microsoft's 24-hour window unsent`);

  // Flagged once (expiryWarnedAt), with its usage.expiry_warning event in the same transaction.
  const warned = await db.transaction(async (tx) => {
    const hours = await flagHoursNearExpiry(tx, windowStart, new Date(windowStart.getTime() + NEAR_EXPIRY_MS), now);
    await insertAuditEvents(tx, hours.map(nearExpiryAudit(now)));
    return hours;
  });
  result.warned = warned.length;
  if (warned.length > 0) {
    log.warn(
      `metering: ${warned.length} hour(s) are unsent with less than ${NEAR_EXPIRY_MS / HOUR_MS} hours left in Microsoft's 24-hour window`,
    );
  }

  const leaseMs = opts.leaseMs ?? 10 * 60_000;
  const limit = opts.claimLimit ?? 500;
  const concurrency = opts.concurrency ?? 4;
  // More than a claim's worth of hours became ready: without fresh statistics each claim read and
  // sorted every ready hour instead of taking the oldest from the index.
  if (result.split >= limit) await analyzeUsageHours(db);
  result.prepareMs = Math.round(performance.now() - started);
  // Batches flow from claims to senders without a barrier between claims: the next claim is made
  // while the last batches of the previous one are still in flight.
  const queue: { batch: UsageHour[]; attemptId: string }[] = [];
  let exhausted = false;
  let claiming: Promise<void> | null = null;
  let claimError: unknown = null;
  const claim = () =>
    (claiming ??= (async () => {
      try {
        const attemptId = randomUUID();
        const leaseEnd = new Date(now.getTime() + leaseMs);
        const claimed = await claimHoursToSend(db, { now, windowStart, leaseEnd, attemptId, limit });
        if (claimed.length < limit) exhausted = true;
        for (let i = 0; i < claimed.length; i += MAX_BATCH_EVENTS) queue.push({ batch: claimed.slice(i, i + MAX_BATCH_EVENTS), attemptId });
        result.sent += claimed.length;
      } catch (err) {
        claimError ??= err;
        exhausted = true;
      } finally {
        claiming = null;
      }
    })());
  const worker = async () => {
    for (;;) {
      if (!exhausted && queue.length <= concurrency) void claim();
      const next = queue.shift();
      if (!next) {
        if (claiming) await claiming;
        else if (exhausted) return;
        continue;
      }
      const outcomes = await sendBatch(client, next.batch, now);
      await recordOutcomes(db, next.attemptId, outcomes, now, auditsOf(next.batch, outcomes));
      tally(result, outcomes);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (claimError) throw claimError;
  result.sendMs = Math.round(performance.now() - started) - result.prepareMs;
  return result;
}

const keyOf = (resourceId: string, dimension: string, hour: Date | string) =>
  `${resourceId.toLowerCase()}|${dimension}|${new Date(hour).getTime()}`;

async function sendBatch(client: MeteringClient, batch: UsageHour[], now: Date): Promise<HourOutcome[]> {
  const base = (h: UsageHour) => ({ s: h.subscriptionId, d: h.dimension, h: h.hour.toISOString() });
  let results: UsageEventResult[];
  try {
    const answer = await client.postBatchUsageEvents(
      batch.map((h) => ({
        resourceId: h.subscriptionId,
        dimension: h.dimension,
        quantity: h.reportedQuantity,
        effectiveStartTime: h.hour,
        planId: h.planId,
      })),
    );
    results = answer.results;
  } catch (err) {
    // 429, 5xx and lost connections after the client's own retries: the same hours go again later.
    // Microsoft may have recorded them; re-sending the same hours is then answered with Duplicate.
    const error = err instanceof Error ? err.message : String(err);
    return batch.map((h) => ({
      ...base(h),
      status: "ready",
      eventId: null,
      error,
      next: new Date(now.getTime() + retryDelayMs(h.attempts)).toISOString(),
    }));
  }
  const byKey = new Map<string, UsageEventResult>();
  for (const r of results)
    if (r.resourceId && r.dimension && r.effectiveStartTime) byKey.set(keyOf(r.resourceId, r.dimension, r.effectiveStartTime), r);
  return batch.map((h, i): HourOutcome => {
    const r = byKey.get(keyOf(h.subscriptionId, h.dimension, h.hour)) ?? results[i];
    if (!r)
      return {
        ...base(h),
        status: "ready",
        eventId: null,
        error: "No result for this event in Microsoft's answer.",
        next: new Date(now.getTime() + retryDelayMs(h.attempts)).toISOString(),
      };
    const message = r.error?.message ? `${r.status}: ${r.error.message}` : r.status;
    if (r.status === "Accepted") return { ...base(h), status: "accepted", eventId: r.usageEventId ?? null, error: null, next: null };
    if (r.status === "Duplicate") {
      // Already recorded (an earlier send whose answer was lost): billed; keep Microsoft's event ID.
      const original = (r.error?.additionalInfo as { acceptedMessage?: { usageEventId?: string } } | undefined)?.acceptedMessage;
      return { ...base(h), status: "duplicate", eventId: original?.usageEventId ?? r.usageEventId ?? null, error: null, next: null };
    }
    if (r.status === "Expired") return { ...base(h), status: "expired", eventId: null, error: message, next: null };
    if (REJECTED.has(r.status)) return { ...base(h), status: "rejected", eventId: null, error: message, next: null };
    // "Error" and statuses this portal does not know: retried, bounded by the window.
    return {
      ...base(h),
      status: "ready",
      eventId: null,
      error: message,
      next: new Date(now.getTime() + retryDelayMs(h.attempts)).toISOString(),
    };
  });
}

function tally(result: SubmitResult, outcomes: HourOutcome[]) {
  for (const o of outcomes) {
    if (o.status === "accepted") result.accepted++;
    else if (o.status === "duplicate") result.duplicate++;
    else if (o.status === "rejected" || o.status === "failed") result.rejected++;
    else if (o.status === "expired") result.expired++;
    else result.retrying++;
  }
}

const nearExpiryAudit = (now: Date) => (h: UsageHour) =>
  auditOf(h, "usage.expiry_warning", {
    quantity: h.reportedQuantity,
    planId: h.planId,
    status: h.status,
    windowEndsAt: windowEndOf(h.hour).toISOString(),
    minutesLeft: Math.max(0, Math.floor((windowEndOf(h.hour).getTime() - now.getTime()) / 60_000)),
    lastError: h.lastError,
  });

/**
 * `usage.reported` and `usage.rejected` reach the ISV's systems as outbound events (lib/outbound),
 * only for the outcomes this pass records: recordOutcomes writes an hour's audit row only when it
 * updated that hour, so a pass whose claim was taken over announces nothing.
 */
function auditsOf(batch: UsageHour[], outcomes: HourOutcome[]) {
  return outcomes.flatMap((o, i) => {
    const h = batch[i]!;
    if (o.status === "accepted" || o.status === "duplicate") {
      return [auditOf(h, "usage.reported", { quantity: h.reportedQuantity, planId: h.planId, status: o.status, usageEventId: o.eventId })];
    }
    if (o.status === "rejected" || o.status === "expired") {
      return [auditOf(h, "usage.rejected", { quantity: h.reportedQuantity, planId: h.planId, status: o.status, reason: o.error })];
    }
    return [];
  });
}
