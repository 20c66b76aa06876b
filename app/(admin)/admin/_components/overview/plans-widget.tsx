import { getDb } from "@/db";
import { listActiveByPlan } from "@/db/queries/admin-overview";
import { termName } from "@/components/format";
import { Card, EmptyNote } from "@/components/admin/card";
import { PlanBarChart } from "@/components/admin/charts/plan-bar-chart";

/** Active subscriptions per offer and plan, with seats and billing terms. */
export async function PlansWidget() {
  const rows = await listActiveByPlan(await getDb());
  const byPlan = new Map<
    string,
    { label: string; offer: string; plan: string; subscriptions: number; seats: number; terms: Set<string>; perUser: boolean }
  >();
  for (const r of rows) {
    const key = `${r.offerId}/${r.planId}`;
    const entry = byPlan.get(key) ?? {
      label: `${r.offerName ?? r.offerId} · ${r.planName ?? r.planId}`,
      offer: r.offerName ?? r.offerId,
      plan: r.planName ?? r.planId,
      subscriptions: 0,
      seats: 0,
      terms: new Set<string>(),
      perUser: r.pricingModel === "per_user",
    };
    entry.subscriptions += r.subscriptions;
    entry.seats += r.seats;
    entry.terms.add(termName(r.termUnit));
    byPlan.set(key, entry);
  }
  const plans = [...byPlan.values()].sort((a, b) => b.subscriptions - a.subscriptions);
  return (
    <Card title="Active subscriptions by plan">
      {plans.length === 0 ? (
        <EmptyNote>No active subscriptions yet.</EmptyNote>
      ) : (
        <>
          <PlanBarChart
            data={plans.map((p) => ({ label: p.label, subscriptions: p.subscriptions }))}
            label="Active subscriptions by offer and plan"
          />
          <table className="mt-4 w-full text-sm">
            <caption className="sr-only">Active subscriptions by offer and plan</caption>
            <thead className="text-left text-slate-500">
              <tr>
                <th scope="col" className="py-1 font-medium">
                  Offer
                </th>
                <th scope="col" className="py-1 font-medium">
                  Plan
                </th>
                <th scope="col" className="py-1 font-medium">
                  Terms
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Active
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Seats
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {plans.map((p) => (
                <tr key={p.label}>
                  <td className="py-1.5">{p.offer}</td>
                  <td className="py-1.5">{p.plan}</td>
                  <td className="py-1.5 text-slate-600">{[...p.terms].join(", ")}</td>
                  <td className="py-1.5 text-right tabular-nums">{p.subscriptions}</td>
                  <td className="py-1.5 text-right tabular-nums">{p.perUser ? p.seats : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
