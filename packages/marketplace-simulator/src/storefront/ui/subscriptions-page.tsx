import Link from "next/link";
import { WebhookDeliveryTable } from "../../notify/webhook-delivery-log";
import type { StorefrontAction, StorefrontResult } from "../forms";
import type { SubscriptionsPageData } from "../views";
import { ResetButton } from "./reset-button";
import { SimulatorNav } from "./simulator-nav";
import { SubscriptionCard } from "./subscription-card";

export interface SubscriptionsPageProps {
  data: SubscriptionsPageData;
  customerAction: StorefrontAction;
  resetAction: (prev: StorefrontResult<unknown> | null) => Promise<StorefrontResult<unknown>>;
}

/** Microsoft's view of every subscription, the customer's and Microsoft's actions, and the webhook log. */
export function SubscriptionsPage({ data, customerAction, resetAction }: SubscriptionsPageProps) {
  return (
    <>
      <SimulatorNav current="/simulator/subscriptions" />
      <main className="mx-auto w-full max-w-6xl flex-1 space-y-10 px-6 py-10">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold text-slate-900">Subscriptions</h1>
            <p className="mt-2 max-w-3xl text-sm text-slate-600">
              Plan and user changes wait {Math.round(data.rejectWindowMs / 1000)} s for the portal to reject them (a 4xx webhook answer or a
              PATCH Failure); silence accepts them.
            </p>
          </div>
          <ResetButton resetAction={resetAction} />
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
            data.subscriptions.map((sub) => <SubscriptionCard key={sub.id} sub={sub} customerAction={customerAction} />)
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
