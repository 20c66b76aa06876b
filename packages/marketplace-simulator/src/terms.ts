import type { TermUnit } from "./types";

const DAY_MS = 24 * 3600 * 1000;

export function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

function addMonthsClamped(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay)));
}

const TERM_MONTHS: Record<TermUnit, number> = { P1M: 1, P1Y: 12, P2Y: 24, P3Y: 36, P4Y: 48, P5Y: 60 };

/**
 * A term starting on `start` (00:00Z). `endDate` is the last valid day, also at 00:00Z: an
 * auto-renewal happens the day after it (Fulfillment API v2, Subscription.term).
 */
export function termFrom(start: Date, unit: TermUnit): { startDate: Date; endDate: Date } {
  const startDate = startOfUtcDay(start);
  const next = addMonthsClamped(startDate, TERM_MONTHS[unit]);
  return { startDate, endDate: new Date(next.getTime() - DAY_MS) };
}

/** The term after the current one: it starts the day after the current end date. */
export function nextTerm(currentEnd: Date, unit: TermUnit): { startDate: Date; endDate: Date } {
  return termFrom(new Date(startOfUtcDay(currentEnd).getTime() + DAY_MS), unit);
}
