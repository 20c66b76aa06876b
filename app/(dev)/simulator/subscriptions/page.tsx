import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getEnv } from "@/lib/env";
import { getSimulatorDb } from "marketplace-simulator";
import { loadSubscriptionsPage, ResetButton, SimulatorNav, SubscriptionCard, WebhookDeliveryTable } from "marketplace-simulator/storefront";

export const metadata: Metadata = { title: "Simulated subscriptions" };

/** Microsoft's view of every subscription, the customer's and Microsoft's actions, and the webhook log. */
export default async function SimulatorSubscriptionsPage() {
  if (!getEnv().simulator.apiEnabled) notFound();
  const data = await loadSubscriptionsPage(await getSimulatorDb(), new Date());
  return (
    <>
      <SimulatorNav current="/simulator/subscriptions" />
      <main className="mx-auto w-full max-w-6xl flex-1 space-y-10 px-6 py-10">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold text-slate-900">Subscriptions</h1>
            <p className="mt-2 max-w-3xl text-sm text-slate-600">
              Plan and user changes wait {Math.round(data.rejectWindowMs / 1000)} s for the portal to reject them (a 4xx webhook
              answer or a PATCH Failure); silence accepts them.
            </p>
          </div>
          <ResetButton />
        </div>

        <section aria-labelledby="subscriptions-heading" className="space-y-4">
          <h2 id="subscriptions-heading" className="sr-only">
            All subscriptions
          </h2>
          {data.subscriptions.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">
              Nothing bought yet.{" "}
              <Link href="/simulator" className="font-medium text-brand-700 underline">
                Buy a plan
              </Link>
            </p>
          ) : (
            data.subscriptions.map((sub) => <SubscriptionCard key={sub.id} sub={sub} />)
          )}
        </section>

        <section aria-labelledby="deliveries-heading" className="space-y-3">
          <h2 id="deliveries-heading" className="text-lg font-semibold text-slate-900">
            Webhook deliveries
          </h2>
          <WebhookDeliveryTable deliveries={data.deliveries} />
        </section>
      </main>
    </>
  );
}
