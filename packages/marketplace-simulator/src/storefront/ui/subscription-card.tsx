import type { SubscriptionsPageData } from "../views";
import type { StorefrontAction } from "../forms";
import { CustomerActions } from "./customer-actions";
import { StatusPill } from "./status-pill";

type Sub = SubscriptionsPageData["subscriptions"][number];

const CALL_LABELS: Record<string, string> = {
  resolve: "Resolve",
  activate: "Activate",
  get: "Get",
  listAvailablePlans: "List plans",
  patch: "Patch",
  delete: "Delete",
  listOperations: "List operations",
  getOperation: "Get operation",
  patchOperation: "Patch operation",
  usageEvent: "Usage event",
  batchUsageEvent: "Batch usage",
};

const day = (iso?: string) => (iso ? iso.slice(0, 10) : "—");

/** One subscription as Microsoft sees it, the portal's calls against it, and what can happen next. */
export function SubscriptionCard({ sub, customerAction }: { sub: Sub; customerAction: StorefrontAction }) {
  const headingId = `sub-${sub.id}`;
  return (
    <article aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 id={headingId} className="text-base font-semibold text-slate-900">
            {sub.name}
          </h3>
          <p className="mt-0.5 font-mono text-xs text-slate-500">{sub.id}</p>
        </div>
        <StatusPill status={sub.saasSubscriptionStatus} />
      </div>

      <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">Offer · plan</dt>
          <dd className="font-medium text-slate-900">
            {sub.offerName} · {sub.planName}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Users</dt>
          <dd className="font-medium text-slate-900">{sub.quantity ?? "flat rate"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Term</dt>
          <dd className="font-medium text-slate-900">
            {sub.term.termUnit} · {day(sub.term.startDate)} → {day(sub.term.endDate)}
            {sub.isFreeTrial ? " (trial)" : ""}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Beneficiary</dt>
          <dd className="truncate font-medium text-slate-900">{sub.beneficiary.emailId}</dd>
        </div>
      </dl>

      <section aria-label="Publisher API calls" className="mt-4">
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Portal&apos;s API calls</h4>
        <ul className="mt-2 flex flex-wrap gap-1.5">
          {Object.entries(sub.apiCalls).map(([name, n]) => (
            <li
              key={name}
              className={`rounded-md px-2 py-0.5 text-xs ring-1 ${n > 0 ? "bg-brand-50 text-brand-700 ring-brand-100" : "bg-slate-50 text-slate-500 ring-slate-200"}`}
            >
              {CALL_LABELS[name] ?? name}: <span className="font-semibold">{n}</span>
            </li>
          ))}
        </ul>
      </section>

      {sub.operations.length > 0 && (
        <section className="mt-4">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Operations</h4>
          <ul className="mt-2 space-y-1 text-sm">
            {sub.operations.slice(0, 5).map((op) => (
              <li key={op.id} className="flex flex-wrap items-center gap-2">
                <StatusPill status={op.status} />
                <span className="font-medium text-slate-800">{op.action}</span>
                <span className="text-slate-500">
                  by {op.source === "Partner" ? "the portal" : "the customer / Microsoft"} · {op.timeStamp.replace("T", " ").slice(0, 19)}Z
                  {op.webhookStatus !== null ? ` · webhook HTTP ${op.webhookStatus}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="mt-5 border-t border-slate-100 pt-4">
        <CustomerActions sub={sub} customerAction={customerAction} />
      </div>
    </article>
  );
}
