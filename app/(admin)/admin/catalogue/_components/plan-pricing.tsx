import type { Plan } from "@/db/schema";
import { money, termName } from "@/components/format";

/** Prices and metered dimensions as Microsoft's listAvailablePlans describes them. */
export function PlanPricing({
  plan,
}: {
  plan: Pick<Plan, "billingTerms" | "meteringDimensions" | "pricingModel" | "minQuantity" | "maxQuantity">;
}) {
  return (
    <div className="space-y-1 text-xs text-slate-700">
      {plan.billingTerms.length === 0 ? (
        <p className="text-slate-500">No price known yet.</p>
      ) : (
        <ul>
          {plan.billingTerms.map((t) => (
            <li key={`${t.termUnit}-${t.currency}`}>
              {money(t.price, t.currency)} {plan.pricingModel === "per_user" ? "per user " : ""}· {termName(t.termUnit)}
            </li>
          ))}
        </ul>
      )}
      {plan.pricingModel === "per_user" && (
        <p className="text-slate-500">
          Seats {plan.minQuantity ?? 1}–{plan.maxQuantity ?? "any"}
        </p>
      )}
      {plan.meteringDimensions.length > 0 && (
        <ul aria-label="Metered dimensions" className="text-slate-600">
          {plan.meteringDimensions.map((d) => (
            <li key={d.id}>
              {d.displayName}: {money(d.pricePerUnit, d.currency)} per {d.unitOfMeasure}{" "}
              <span className="font-mono text-slate-500">({d.id})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
