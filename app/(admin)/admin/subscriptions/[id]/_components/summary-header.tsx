import type { ReactNode } from "react";
import type { Plan, Subscription } from "@/db/schema";
import { date, money, termName } from "@/components/format";
import { StatusBadge } from "@/components/ui/status-badge";
import type { CatalogueNames } from "@/lib/catalogue/names";
import { monthlyContribution, termPrice } from "@/lib/subscriptions/summary";

const NO_MRR = {
  "not active": "not active",
  "free trial": "free trial: not charged yet",
  "test purchase": "test purchase: not billed",
  "no catalogue price": "no price in the catalogue",
} as const;

/** What staff look for first: status, plan and price, seats, customer, term and what it earns a month. */
export function SummaryHeader({ s, plan, names }: { s: Subscription; plan: Plan | undefined; names: CatalogueNames }) {
  const term = termPrice(s.termUnit, plan);
  const mrr = monthlyContribution(s, plan);
  const customer = s.beneficiaryEmail ?? s.purchaserEmail;
  const perUser = plan?.pricingModel === "per_user";
  return (
    <div data-testid="subscription-header" className="rounded-xl bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 break-words text-2xl font-semibold text-slate-900">{s.name || s.id}</h1>
        <StatusBadge status={s.status} />
        {s.isTest && <span className="rounded bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-700">Test purchase</span>}
        {s.isFreeTrial && <span className="rounded bg-sky-50 px-2 py-0.5 text-xs font-medium text-sky-800">Free trial</span>}
      </div>
      <p className="mt-1 text-sm text-slate-500">
        <span title={`Offer ID: ${s.offerId}`}>{names.offer(s.offerId)}</span>
      </p>
      <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-4 text-sm sm:grid-cols-3 xl:grid-cols-5">
        <Item
          label="Plan"
          hint={
            term
              ? `${money(term.price, term.currency)}${perUser ? " per seat" : ""} / ${termName(term.termUnit).toLowerCase()}`
              : termName(s.termUnit)
          }
        >
          <span title={`Plan ID: ${s.planId}`}>{names.plan(s.offerId, s.planId)}</span>
        </Item>
        <Item label="Seats" hint={plan ? (perUser ? "charged per seat" : "flat rate") : undefined}>
          {s.quantity ?? "—"}
        </Item>
        <Item label="Customer" hint={s.purchaserEmail && s.purchaserEmail !== customer ? `bought by ${s.purchaserEmail}` : undefined}>
          <span className="break-all">{customer ?? "—"}</span>
        </Item>
        <Item label="Term" hint={s.termStartDate ? (s.autoRenew ? "renews automatically" : "does not renew") : undefined}>
          {s.termStartDate ? `${date(s.termStartDate)} – ${date(s.termEndDate)}` : "—"}
        </Item>
        <Item label="MRR contribution" hint={mrr.kind === "amount" ? "per month, estimated" : NO_MRR[mrr.reason]}>
          {mrr.kind === "amount" ? money(mrr.amount, mrr.currency) : "—"}
        </Item>
      </dl>
    </div>
  );
}

function Item({ label, hint, children }: { label: string; hint?: string | undefined; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-base font-semibold text-slate-900">{children}</dd>
      {hint && <dd className="text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}
