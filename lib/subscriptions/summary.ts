import "server-only";
import type { BillingTerm } from "@/db/schema";

const MONTHS: Record<string, number> = { P1M: 1, P1Y: 12, P2Y: 24, P3Y: 36, P4Y: 48, P5Y: 60 };

export type MonthlyContribution =
  | { kind: "amount"; amount: number; currency: string }
  | { kind: "none"; reason: "not active" | "free trial" | "test purchase" | "no catalogue price" };

/**
 * What one subscription adds to the estimated MRR, on the overview's rules: active, paying and
 * real purchases only; a yearly price counts a twelfth; per-user plans per seat; metering left out.
 */
export function monthlyContribution(
  s: { status: string; isFreeTrial: boolean; isTest: boolean; quantity: number | null; termUnit: string | null },
  plan: { pricingModel: string; billingTerms: BillingTerm[] } | undefined,
): MonthlyContribution {
  if (s.status !== "Subscribed") return { kind: "none", reason: "not active" };
  if (s.isTest) return { kind: "none", reason: "test purchase" };
  if (s.isFreeTrial) return { kind: "none", reason: "free trial" };
  const terms = plan?.billingTerms ?? [];
  const term = terms.find((t) => t.termUnit === s.termUnit) ?? (terms.length === 1 ? terms[0] : undefined);
  const months = term ? MONTHS[term.termUnit] : undefined;
  if (!plan || !term || !months) return { kind: "none", reason: "no catalogue price" };
  const units = plan.pricingModel === "per_user" ? (s.quantity ?? 0) : 1;
  return { kind: "amount", amount: Math.round((term.price / months) * units * 100) / 100, currency: term.currency };
}

/** The plan's price for the subscription's term, if the catalogue has it. */
export function termPrice(termUnit: string | null, plan: { billingTerms: BillingTerm[] } | undefined): BillingTerm | undefined {
  const terms = plan?.billingTerms ?? [];
  return terms.find((t) => t.termUnit === termUnit) ?? (terms.length === 1 ? terms[0] : undefined);
}
