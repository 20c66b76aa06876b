"use client";

import type { StorefrontData } from "../views";

type Offer = StorefrontData["offers"][number];
export type PlanView = Offer["plans"][number];

const TERM_LABELS: Record<string, string> = { P1M: "month", P1Y: "year", P2Y: "2 years", P3Y: "3 years", P4Y: "4 years", P5Y: "5 years" };
export const termLabel = (unit: string) => TERM_LABELS[unit] ?? unit;
const money = (price: number, currency: string) => new Intl.NumberFormat("en-US", { style: "currency", currency }).format(price);

/** Plan cards as radio buttons: price per term, trial, metering and private-plan badges. */
export function PlanPicker({
  offer,
  plans,
  value,
  onChange,
  error,
}: {
  offer: Offer;
  plans: PlanView[];
  value: string;
  onChange: (planId: string) => void;
  error?: string;
}) {
  return (
    <fieldset aria-describedby={error ? "planId-error" : undefined}>
      <legend className="text-sm font-semibold text-slate-900">Plan</legend>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        {plans.map((plan) => {
          const first = plan.terms[0];
          const checked = plan.planId === value;
          return (
            <label
              key={plan.planId}
              className={`relative flex cursor-pointer flex-col rounded-lg border bg-white p-4 shadow-sm transition ${checked ? "border-brand-600 ring-2 ring-brand-600" : "border-slate-200 hover:border-slate-300"} has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600`}
            >
              <input
                type="radio"
                name="planId"
                value={plan.planId}
                checked={checked}
                onChange={() => onChange(plan.planId)}
                className="sr-only"
              />
              <span className="flex items-center justify-between gap-2">
                <span className="font-medium text-slate-900">{plan.displayName}</span>
                {first && (
                  <span className="text-sm font-semibold text-slate-700">
                    {money(first.price, first.currency)}
                    <span className="font-normal text-slate-500">
                      {offer.isPricePerSeat ? " /user" : ""} /{termLabel(first.termUnit)}
                    </span>
                  </span>
                )}
              </span>
              <span className="mt-1 text-sm text-slate-600">{plan.description}</span>
              <span className="mt-3 flex flex-wrap gap-1.5 text-xs">
                {plan.hasFreeTrials && (
                  <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-emerald-700 ring-1 ring-emerald-200">
                    1-month free trial
                  </span>
                )}
                {plan.isPrivate && (
                  <span className="rounded-full bg-violet-50 px-2 py-0.5 text-violet-700 ring-1 ring-violet-200">Private plan</span>
                )}
                {plan.dimensions.length > 0 && (
                  <span className="rounded-full bg-amber-50 px-2 py-0.5 text-amber-800 ring-1 ring-amber-200">
                    Metered: {plan.dimensions.map((d) => d.displayName).join(", ")}
                  </span>
                )}
                {plan.minQuantity !== null && (
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700">
                    {plan.minQuantity}–{plan.maxQuantity ?? "∞"} users
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </div>
      {error && (
        <p id="planId-error" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export { money };
