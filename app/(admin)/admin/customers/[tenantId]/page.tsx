import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { listCustomerSubscriptions, type CustomerSubscription } from "@/db/queries/admin-customers";
import { estimateMonthlyRevenue, type ActivePlanRow } from "@/db/queries/admin-overview";
import { Stat } from "@/components/admin/card";
import { LiveRefresh } from "@/components/admin/live-refresh";
import { SubscriptionTable, type SubscriptionColumn } from "@/components/admin/subscription-table";
import { date, money } from "@/components/format";
import { requireStaff } from "@/lib/auth/guards";
import { isGuid } from "@/lib/marketplace/enums";

export const metadata: Metadata = { title: "Customer" };

/** Active and billed (no test asset, no dry run), the way the overview counts revenue. */
const billed = ({ subscription: s }: CustomerSubscription) => s.status === "Subscribed" && !s.isTest && s.sessionMode === "None";

function planRow(c: CustomerSubscription): ActivePlanRow {
  const s = c.subscription;
  return {
    offerId: s.offerId,
    offerName: c.offerName,
    planId: s.planId,
    planName: c.planName,
    pricingModel: c.pricingModel,
    billingTerms: c.billingTerms,
    termUnit: s.termUnit,
    subscriptions: 1,
    seats: s.quantity ?? 0,
    freeTrials: s.isFreeTrial ? 1 : 0,
  };
}

const mrrText = (rows: CustomerSubscription[]) => {
  const { monthly } = estimateMonthlyRevenue(rows.filter(billed).map(planRow));
  return monthly.length ? monthly.map((m) => money(m.amount, m.currency)).join(" + ") : "—";
};

const roleWords = { purchaser: "Bought", beneficiary: "Uses", both: "Bought and uses" } as const;

const columns: SubscriptionColumn<CustomerSubscription>[] = [
  { header: "MRR", numeric: true, className: "whitespace-nowrap", cell: (r) => (billed(r) ? mrrText([r]) : "—") },
  { header: "Tenant", className: "text-slate-600", cell: (r) => roleWords[r.role] },
];

export default async function CustomerPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId: raw } = await params;
  await requireStaff("viewer", { path: `/admin/customers/${encodeURIComponent(raw)}` });
  if (!isGuid(raw)) notFound();
  const tenantId = raw.toLowerCase();
  const rows = await listCustomerSubscriptions(await getDb(), tenantId);
  const active = rows.filter((r) => r.subscription.status === "Subscribed");
  const seats = active.filter((r) => r.pricingModel === "per_user").reduce((n, r) => n + (r.subscription.quantity ?? 0), 0);
  const contacts = [
    ...new Set(
      rows.flatMap(({ subscription: s }) => [
        s.purchaserTenantId === tenantId ? s.purchaserEmail : null,
        s.beneficiaryTenantId === tenantId ? s.beneficiaryEmail : null,
      ]),
    ),
  ].filter((e): e is string => !!e);
  return (
    <div className="space-y-6">
      <LiveRefresh />
      <div>
        <p className="text-sm text-slate-500">
          <Link href="/admin/subscriptions" className="text-brand-700 hover:underline">
            Subscriptions
          </Link>{" "}
          / Customer
        </p>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">{contacts[0] ?? "Customer"}</h1>
        <p className="mt-1 text-sm break-all text-slate-600">
          Entra tenant <code className="text-xs">{tenantId}</code>
          {contacts.length > 1 && <> · also {contacts.slice(1).join(", ")}</>}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="Active subscriptions" value={active.length} hint={`${rows.length} in all`} />
        <Stat label="Seats" value={seats} hint="on active per-user plans" />
        <Stat label="Estimated MRR" value={mrrText(rows)} hint="from plan prices, test purchases excluded" />
        <Stat
          label="Customer since"
          value={rows[0] ? date(rows[0].subscription.marketplaceCreatedAt ?? rows[0].subscription.createdAt) : "—"}
        />
      </dl>
      <section aria-labelledby="customer-subscriptions" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <h2 id="customer-subscriptions" className="border-b border-slate-100 px-5 py-3 text-sm font-semibold text-slate-900">
          Subscriptions ({rows.length})
        </h2>
        {rows.length === 0 ? (
          <p className="px-5 py-8 text-center text-sm text-slate-500">No subscription names this tenant as purchaser or beneficiary.</p>
        ) : (
          <SubscriptionTable
            label="Subscriptions of this customer"
            caption="Subscriptions this tenant bought or uses"
            rows={rows}
            columns={columns}
          />
        )}
      </section>
    </div>
  );
}
