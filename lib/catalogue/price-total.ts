import "server-only";
import type { BillingTerm } from "@/db/schema";

/** What a term costs: the seats it is billed for (null for a flat rate), the price of one, and the total. */
export interface PriceTotal {
  seats: number | null;
  unitPrice: number;
  total: number;
  currency: string;
  termUnit: string;
}

/**
 * The total Microsoft bills for a term: seats × price for a per-user plan (at least one seat), the
 * price itself for a flat rate. Words and formats are the page's (messages `Summary.total*`).
 */
export function priceTotal(
  term: BillingTerm | undefined,
  { perUser, quantity }: { perUser: boolean; quantity: number | null },
): PriceTotal | null {
  if (!term) return null;
  const seats = perUser ? Math.max(quantity ?? 1, 1) : null;
  return { seats, unitPrice: term.price, total: term.price * (seats ?? 1), currency: term.currency, termUnit: term.termUnit };
}
