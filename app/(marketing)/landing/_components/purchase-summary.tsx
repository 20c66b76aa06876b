import { getFormatter, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/ui/status-badge";
import { priceTotal } from "@/lib/catalogue/price-total";
import type { PurchaseView } from "@/lib/subscriptions/landing";

/** What was bought: offer, plan, pricing, term, seats, purchaser and beneficiary, in the buyer's language and formats. */
export async function PurchaseSummary({ view }: { view: PurchaseView }) {
  const [t, tTerm, tStatus, format] = await Promise.all([
    getTranslations("Summary"),
    getTranslations("Term"),
    getTranslations("Status"),
    getFormatter(),
  ]);
  const { subscription: s, plan, billingTerms } = view;
  const perUser = plan?.pricingModel === "per_user";
  const term = billingTerms.find((x) => x.termUnit === s.termUnit) ?? billingTerms[0];
  const termUnit = s.termUnit ?? term?.termUnit;
  const date = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" }) : "—");
  const money = (amount: number, currency: string) => format.number(amount, { style: "currency", currency, maximumFractionDigits: 2 });
  const price = term && money(term.price, term.currency);
  const total = priceTotal(term, { perUser, quantity: s.quantity });
  const per = total && tTerm("per", { unit: total.termUnit });
  return (
    <section aria-labelledby="summary-title" className="mt-8 rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-100 px-4 py-5 sm:px-6">
        <div className="min-w-0">
          <h2 id="summary-title" className="text-lg font-semibold break-words text-slate-900">
            {plan?.displayName ?? s.planId}
          </h2>
          {plan?.description && <p className="mt-1 text-sm text-slate-600">{plan.description}</p>}
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1">
          <StatusBadge status={s.status} label={tStatus.has(s.status) ? tStatus(s.status) : s.status} />
          {s.isFreeTrial && <span className="text-xs font-medium text-emerald-700">{t("freeTrial")}</span>}
          {s.isTest && <span className="text-xs font-medium text-violet-700">{t("testPurchase")}</span>}
        </div>
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-4 px-4 py-5 text-sm sm:grid-cols-2 sm:px-6">
        <Item label={t("subscription")}>{s.name}</Item>
        <Item label={t("pricing")}>
          {perUser ? t("perUser") : t("flatRate")}
          {term && price && ` · ${t(perUser ? "pricePerUser" : "price", { price, per: tTerm("per", { unit: term.termUnit }) })}`}
        </Item>
        <Item label={t("billingTerm")}>
          {termUnit ? tTerm("name", { unit: termUnit }) : "—"}
          {s.termStartDate && ` (${date(s.termStartDate)} – ${date(s.termEndDate)})`}
        </Item>
        {perUser && <Item label={t("seats")}>{s.quantity == null ? "—" : format.number(s.quantity)}</Item>}
        {total && per && (
          <Item label={t("total")}>
            {total.seats === null
              ? t("totalFlat", { total: money(total.total, total.currency), per })
              : t("totalPerUser", {
                  seats: total.seats,
                  price: money(total.unitPrice, total.currency),
                  total: money(total.total, total.currency),
                  per,
                })}
          </Item>
        )}
        <Item label={t("purchaser")}>{s.purchaserEmail ?? "—"}</Item>
        <Item label={t("beneficiary")}>{s.beneficiaryEmail ?? "—"}</Item>
        <Item label={t("autoRenew")}>{s.autoRenew ? t("on") : t("off")}</Item>
        <Item label={t("subscriptionId")}>
          <code className="text-xs">{s.id}</code>
        </Item>
      </dl>
    </section>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5 font-medium break-words text-slate-900">{children}</dd>
    </div>
  );
}
