import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { listCatalogue } from "@/db/queries/admin-catalogue";
import { Card, EmptyNote } from "@/components/admin/card";
import { TableScroll } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/staff";
import { ACTIVATION_MODE_LABELS, CHANGE_POLICY_LABELS } from "@/lib/catalogue/labels";
import { PlanPricing } from "./_components/plan-pricing";
import { RefreshPlansForm } from "./_components/refresh-plans-form";

export const metadata: Metadata = { title: "Catalogue" };

export default async function CataloguePage() {
  const staff = await requireStaff("viewer", { path: "/admin/catalogue" });
  const catalogue = await listCatalogue(await getDb());
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Catalogue</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">
            Offers and plans as Microsoft describes them, with the portal&apos;s own settings for each. Microsoft lists plans only through a
            subscription, so &quot;Refresh plans&quot; asks through one live subscription per offer; a private plan appears once a buyer who
            may see it has bought.
          </p>
        </div>
        {hasRole(staff.role, "operator") && <RefreshPlansForm />}
      </div>
      {catalogue.length === 0 && (
        <Card title="No offers yet">
          <EmptyNote>Offers appear once a subscription to them is known: after a purchase, a webhook or a sync.</EmptyNote>
        </Card>
      )}
      {catalogue.map(({ offer, plans, onboardingFields, unknownPlanIds }) => (
        <Card
          key={offer.id}
          id={`offer-${offer.id}`}
          title={`${offer.displayName} (${offer.id})`}
          action={
            <Link href={`/admin/catalogue/${encodeURIComponent(offer.id)}`} className="text-sm font-medium text-brand-700 hover:underline">
              {hasRole(staff.role, "owner") ? "Settings and questions" : "Details"}
              <span className="sr-only"> of {offer.displayName}</span>
            </Link>
          }
        >
          <p className="text-sm text-slate-600">{offer.description ?? "No description."}</p>
          <p className="mt-1 text-xs text-slate-500">
            Hand-off: {offer.handoffUrl ?? "the portal's welcome page"} · {onboardingFields} onboarding question
            {onboardingFields === 1 ? "" : "s"}
          </p>
          {plans.length === 0 ? (
            <p className="mt-3 text-sm text-slate-500">No plans known yet: refresh the plans.</p>
          ) : (
            <TableScroll label={`Plans of ${offer.displayName}`} className="mt-3">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">Plans of {offer.displayName}</caption>
                <thead className="bg-slate-50 text-left text-slate-600">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Plan
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Price
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Activation
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Customer changes
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Live
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {plans.map((p) => (
                    <tr key={p.planId} className="align-top">
                      <td className="px-3 py-2">
                        <span className="font-medium text-slate-900">{p.displayName}</span>
                        <span className="block font-mono text-xs text-slate-500">{p.planId}</span>
                        <span className="mt-1 flex gap-1">
                          {p.isPrivate && <span className="rounded bg-violet-50 px-1.5 text-xs text-violet-700">private</span>}
                          {p.hasFreeTrial && <span className="rounded bg-emerald-50 px-1.5 text-xs text-emerald-700">free trial</span>}
                        </span>
                      </td>
                      <td className="px-3 py-2">
                        <PlanPricing plan={p} />
                      </td>
                      <td className="px-3 py-2 text-xs text-slate-700">{ACTIVATION_MODE_LABELS[p.activationMode]}</td>
                      <td className="px-3 py-2 text-xs text-slate-700">{CHANGE_POLICY_LABELS[p.changePolicy]}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{p.liveSubscriptions}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {unknownPlanIds.length > 0 && (
            <p className="mt-2 text-xs text-amber-700">Subscriptions use plans not described yet: {unknownPlanIds.join(", ")}.</p>
          )}
        </Card>
      ))}
    </div>
  );
}
