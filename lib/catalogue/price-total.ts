import "server-only";
import type { BillingTerm } from "@/db/schema";

/** The words of the total line, in one place so they can move to the buyer's language with the rest. */
export const TOTAL_WORDS = {
  seats: (n: string) => `${n} ${n === "1" ? "seat" : "seats"}`,
  per: { P1M: "per month", P1Y: "per year" } as Record<string, string>,
  every: (years: string) => `every ${years} years`,
  billedBy: "billed by Microsoft",
};

/**
 * "12 seats × $15.00 = $180.00 per month, billed by Microsoft" (a flat rate: "$180.00 per month,
 * billed by Microsoft"), with money and numbers formatted by `Intl` for `locale`.
 */
export function priceTotal(
  term: BillingTerm | undefined,
  { perUser, quantity, locale = "en-US" }: { perUser: boolean; quantity: number | null; locale?: string },
): string | null {
  if (!term) return null;
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: term.currency });
  const count = new Intl.NumberFormat(locale);
  const years = /^P(\d)Y$/.exec(term.termUnit)?.[1];
  const period = TOTAL_WORDS.per[term.termUnit] ?? (years ? TOTAL_WORDS.every(count.format(Number(years))) : term.termUnit);
  const seats = perUser ? Math.max(quantity ?? 1, 1) : 1;
  const total = money.format(term.price * seats);
  const amount = perUser ? `${TOTAL_WORDS.seats(count.format(seats))} × ${money.format(term.price)} = ${total}` : total;
  return `${amount} ${period}, ${TOTAL_WORDS.billedBy}`;
}
