import { getFormatter, getTranslations } from "next-intl/server";
import type { Subscription } from "@/db/schema";
import type { MarketplacePlan } from "@/lib/marketplace";
import { getMarketplaceClient } from "@/lib/services/marketplace";
import { PlanForm } from "./plan-form";
import { SeatsForm } from "./seats-form";

const box = "rounded-xl bg-white p-5 ring-1 ring-slate-200";

/**
 * Seats and plan choices as Microsoft's listAvailablePlans gives them for this subscription (its
 * market, currency and private plans): a plan outside that list, or seats outside the plan's range,
 * would be refused.
 * https://learn.microsoft.com/en-us/partner-center/marketplace-offers/pc-saas-fulfillment-subscription-api#list-available-plans
 */
export async function ChangeOptions({ sub, seats, plan }: { sub: Subscription; seats: boolean; plan: boolean }) {
  const [t, tTerm, format] = await Promise.all([getTranslations("SelfService"), getTranslations("Term"), getFormatter()]);
  let plans: MarketplacePlan[];
  try {
    plans = await getMarketplaceClient().listAvailablePlans(sub.id);
  } catch {
    return <p className={`${box} text-sm text-slate-600`}>{t("plansUnavailable")}</p>;
  }
  const current = plans.find((p) => p.planId === sub.planId);
  const label = (p: MarketplacePlan) => {
    const term = p.recurrentBillingTerms[0];
    if (term?.price === undefined || !term.currency || !term.termUnit) return p.displayName;
    return t("planOption", {
      plan: p.displayName,
      price: format.number(term.price, { style: "currency", currency: term.currency }),
      per: tTerm("per", { unit: term.termUnit }),
      perSeat: p.isPricePerSeat ? "yes" : "no",
    });
  };
  const choices = plans.filter((p) => p.planId !== sub.planId && !p.isStopSell).map((p) => ({ planId: p.planId, label: label(p) }));
  const showSeats = seats && current?.isPricePerSeat === true && sub.quantity !== null;
  const min = current?.minQuantity ?? 1;
  const max = current?.maxQuantity;
  return (
    <>
      {showSeats && (
        <section aria-label={t("seatsTitle")} className={box}>
          <h2 className="mb-3 text-lg font-semibold text-slate-900">{t("seatsTitle")}</h2>
          <SeatsForm
            subscriptionId={sub.id}
            current={sub.quantity!}
            min={min}
            max={max}
            labels={{
              label: t("seatsLabel"),
              help:
                max === undefined
                  ? t("seatsHelpAtLeast", { current: sub.quantity!, min })
                  : t("seatsHelp", { current: sub.quantity!, min, max }),
              submit: t("seatsSubmit"),
              pending: t("pending"),
            }}
          />
        </section>
      )}
      {plan && (
        <section aria-label={t("planTitle")} className={box}>
          <h2 className="mb-3 text-lg font-semibold text-slate-900">{t("planTitle")}</h2>
          {choices.length === 0 ? (
            <p className="text-sm text-slate-600">{t("planNone")}</p>
          ) : (
            <PlanForm
              subscriptionId={sub.id}
              choices={choices}
              labels={{ label: t("planLabel"), choose: t("planChoose"), submit: t("planSubmit"), pending: t("pending") }}
            />
          )}
        </section>
      )}
    </>
  );
}
