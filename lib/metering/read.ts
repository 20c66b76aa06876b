import "server-only";
import type { DbOrTx } from "@/db/client";
import {
  selectDailyUsage,
  selectFailedHours,
  selectHoursNearExpiry,
  selectSubscriptionPlan,
  selectUsageHours,
  sumUsageHours,
  type UsageHoursFilter,
} from "@/db/queries/usage-read";
import type { UsageHour } from "@/db/schema";
import { includedUnits, termOf } from "./terms";
import { HOUR_MS, hourOf, NEAR_EXPIRY_MS, WINDOW_MS } from "./window";
import { closeDelayMs } from "./settings";

export type { UsageHoursFilter };

/** Hourly aggregates with their reporting status (quantity, included and reported parts). */
export function listUsageHours(db: DbOrTx, filter: UsageHoursFilter = {}): Promise<UsageHour[]> {
  return selectUsageHours(db, filter);
}

export interface TermUsage {
  dimension: string;
  /** Units the plan includes per term. */
  included: number;
  /** Of those, used so far (by split hours). */
  includedUsed: number;
  /** All usage recorded in the term. */
  used: number;
  /** Above the allowance, to be or already reported. */
  reported: number;
  /** Accepted by Microsoft (Accepted or Duplicate). */
  billed: number;
  termStart: Date;
  termEnd: Date;
}

/** Per dimension of the subscription's plan: its allowance and the usage of the current term. */
export async function usageThisTerm(db: DbOrTx, subscriptionId: string, opts: { now?: Date } = {}): Promise<TermUsage[]> {
  const sub = await selectSubscriptionPlan(db, subscriptionId);
  if (!sub) return [];
  const { start, end } = termOf(hourOf(opts.now ?? new Date()), sub);
  const totals = new Map((await sumUsageHours(db, sub.id, start, end)).map((t) => [t.dimension, t]));
  const dimensions = new Set([...(sub.dimensions ?? []).map((d) => d.id), ...totals.keys()]);
  return [...dimensions].map((dimension) => {
    const t = totals.get(dimension);
    return {
      dimension,
      included: includedUnits(sub.billingTerms, sub.termUnit, dimension),
      includedUsed: t?.included ?? 0,
      used: t?.quantity ?? 0,
      reported: t?.reported ?? 0,
      billed: t?.billed ?? 0,
      termStart: start,
      termEnd: end,
    };
  });
}

/** The usage dashboard: per UTC day and dimension, failures with reasons, hours near expiry. */
export async function usageOverview(db: DbOrTx, opts: { days: number; now?: Date }) {
  const now = opts.now ?? new Date();
  const from = new Date(hourOf(now).getTime() - Math.max(1, opts.days) * 24 * HOUR_MS);
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const [daily, failures, nearExpiry] = await Promise.all([
    selectDailyUsage(db, from),
    selectFailedHours(db, from),
    // Closed hours whose window ends within NEAR_EXPIRY_MS.
    selectHoursNearExpiry(
      db,
      new Date(now.getTime() - closeDelayMs() - HOUR_MS),
      windowStart,
      new Date(now.getTime() - WINDOW_MS + NEAR_EXPIRY_MS),
    ),
  ]);
  return { daily, failures, nearExpiry };
}
