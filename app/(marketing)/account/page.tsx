import type { Metadata } from "next";
import { getDb } from "@/db";
import { listSubscriptionsForBuyer } from "@/db/queries/subscriptions";
import { currentUser } from "@/lib/auth";
import { buyerScope } from "@/lib/subscriptions/access";
import { date, termName } from "@/components/format";
import { StatusBadge } from "@/components/ui/status-badge";
import { SignInButton } from "@/components/sign-in-button";
import { OpenProductForm } from "@/components/open-product-form";
import { SignedInAs } from "../_components/signed-in-as";

export const metadata: Metadata = { title: "My subscriptions" };

export default async function AccountPage() {
  const user = await currentUser();
  if (!user) {
    return (
      <main className="mx-auto max-w-xl flex-1 px-6 py-16">
        <h1 className="text-2xl font-semibold text-slate-900">My subscriptions</h1>
        <p className="mb-6 mt-2 text-slate-600">Sign in to see the subscriptions of your organisation.</p>
        <SignInButton redirectTo="/account" chooseAccount />
      </main>
    );
  }
  const subs = await listSubscriptionsForBuyer(await getDb(), buyerScope(user));
  return (
    <main className="mx-auto w-full max-w-4xl flex-1 px-6 py-12">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">My subscriptions</h1>
      <SignedInAs user={user} returnTo="/account" className="mt-1" />
      {subs.length === 0 ? (
        <p className="mt-8 rounded-xl bg-white p-6 text-slate-600 ring-1 ring-slate-200">
          No subscriptions for your account or organisation yet.
        </p>
      ) : (
        <div className="mt-8 overflow-x-auto rounded-xl bg-white ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Subscriptions of your organisation</caption>
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Subscription
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Status
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Plan
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Seats
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Term
                </th>
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">Open</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {subs.map((s) => (
                <tr key={s.id}>
                  <td className="px-4 py-3">
                    <div className="font-medium text-slate-900">{s.name}</div>
                    <div className="text-xs text-slate-500">{s.offerId}</div>
                    <div className="font-mono text-xs text-slate-500">{s.id}</div>
                  </td>
                  <td className="px-4 py-3">
                    <StatusBadge status={s.status} />
                  </td>
                  <td className="px-4 py-3">{s.planId}</td>
                  <td className="px-4 py-3">{s.quantity ?? "—"}</td>
                  <td className="px-4 py-3">
                    {termName(s.termUnit)}
                    {s.termEndDate && <span className="block text-xs text-slate-500">until {date(s.termEndDate)}</span>}
                  </td>
                  <td className="px-4 py-3 text-right">
                    {s.status === "Subscribed" && (
                      <OpenProductForm subscriptionId={s.id} className="font-medium text-brand-700 hover:underline">
                        Open<span className="sr-only"> {s.name}</span>
                      </OpenProductForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
