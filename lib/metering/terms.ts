import "server-only";
import type { BillingTerm } from "@/db/schema";

const MONTHS: Record<string, number> = { P1M: 1, P1Y: 12, P2Y: 24, P3Y: 36, P4Y: 48, P5Y: 60 };

function addMonths(d: Date, months: number): Date {
  const r = new Date(d);
  r.setUTCMonth(r.getUTCMonth() + months);
  return r;
}

export interface TermInfo {
  termUnit: string | null;
  termStartDate: Date | null;
  termEndDate: Date | null;
}

/**
 * The term an hour belongs to: the subscription's current term, or for an hour before it (usage
 * from the last hours of the previous term) the term before. Microsoft's meteredQuantityIncluded
 * is "per term", so the count starts again at each renewal.
 */
export function termOf(hour: Date, sub: TermInfo): { start: Date; end: Date } {
  const months = MONTHS[sub.termUnit ?? "P1M"] ?? 1;
  let start = sub.termStartDate ?? new Date(Date.UTC(hour.getUTCFullYear(), hour.getUTCMonth(), 1));
  // Walk back (late usage of a renewed term) or forward (a term end the portal has not synced yet).
  while (hour < start) start = addMonths(start, -months);
  let end = addMonths(start, months);
  while (hour >= end) {
    start = end;
    end = addMonths(start, months);
  }
  return { start, end };
}

/** Units of `dimension` included per term on a plan bought with `termUnit` (0 when none). */
export function includedUnits(billingTerms: BillingTerm[] | null | undefined, termUnit: string | null, dimension: string): number {
  const terms = billingTerms ?? [];
  const term = terms.find((t) => t.termUnit === (termUnit ?? "P1M")) ?? (terms.length === 1 ? terms[0] : undefined);
  const units = term?.meteredQuantityIncluded?.find((m) => m.dimensionId === dimension)?.units;
  return typeof units === "number" && Number.isFinite(units) && units > 0 ? units : 0;
}
