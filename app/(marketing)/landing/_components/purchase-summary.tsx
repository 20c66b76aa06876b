import { date, money, termName } from "@/components/format";
import { priceTotal } from "@/lib/catalogue/price-total";
import { StatusBadge } from "@/components/ui/status-badge";
import type { PurchaseView } from "@/lib/subscriptions/landing";

/** What was bought: offer, plan, pricing, term, seats, purchaser and beneficiary. */
export function PurchaseSummary({ view }: { view: PurchaseView }) {
  const { subscription: s, plan, billingTerms } = view;
  const perUser = plan?.pricingModel === "per_user";
  const term = billingTerms.find((t) => t.termUnit === s.termUnit) ?? billingTerms[0];
  const total = priceTotal(term, { perUser, quantity: s.quantity });
  return (
    <section aria-labelledby="summary-title" className="mt-8 rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex items-start justify-between gap-4 border-b border-slate-100 px-6 py-5">
        <div>
          <h2 id="summary-title" className="text-lg font-semibold text-slate-900">
            {plan?.displayName ?? s.planId}
          </h2>
          {plan?.description && <p className="mt-1 text-sm text-slate-600">{plan.description}</p>}
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1">
          <StatusBadge status={s.status} />
          {s.isFreeTrial && <span className="text-xs font-medium text-emerald-700">Free trial</span>}
          {s.isTest && <span className="text-xs font-medium text-violet-700">Test purchase</span>}
        </div>
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-4 px-6 py-5 text-sm sm:grid-cols-2">
        <Item label="Subscription">{s.name}</Item>
        <Item label="Pricing">
          {perUser ? "Per user" : "Flat rate"}
          {term && ` · ${money(term.price, term.currency)} ${perUser ? "per user " : ""}/ ${termName(term.termUnit).toLowerCase()}`}
        </Item>
        <Item label="Billing term">
          {termName(s.termUnit ?? term?.termUnit)}
          {s.termStartDate && ` (${date(s.termStartDate)} – ${date(s.termEndDate)})`}
        </Item>
        {perUser && <Item label="Seats">{s.quantity ?? "—"}</Item>}
        {total && <Item label="Total">{total}</Item>}
        <Item label="Purchaser">{s.purchaserEmail ?? "—"}</Item>
        <Item label="Beneficiary">{s.beneficiaryEmail ?? "—"}</Item>
        <Item label="Auto-renew">{s.autoRenew ? "On" : "Off"}</Item>
        <Item label="Subscription ID">
          <code className="text-xs">{s.id}</code>
        </Item>
      </dl>
    </section>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5 font-medium text-slate-900">{children}</dd>
    </div>
  );
}
