import type { StorefrontAction } from "../forms";
import type { StorefrontData } from "../views";
import { BuyForm } from "./buy-form";
import { SimulatorNav } from "./simulator-nav";

/** A stand-in for the marketplace listing: buy a plan, then land on the portal as a buyer would. */
export function StorefrontPage({ data, buyAction }: { data: StorefrontData; buyAction: StorefrontAction }) {
  return (
    <>
      <SimulatorNav current="/simulator" />
      <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-10">
        <h1 className="text-2xl font-semibold text-slate-900">Buy a SaaS plan</h1>
        <p className="mt-2 max-w-3xl text-sm text-slate-600">
          This page plays the Azure portal and AppSource. Buying creates a subscription on the simulated marketplace, then opens the
          portal&apos;s landing page with a purchase token, as &ldquo;Configure account&rdquo; does.
        </p>
        <div className="mt-8 rounded-xl border border-slate-200 bg-slate-50/50 p-6">
          <BuyForm data={data} buyAction={buyAction} />
        </div>
      </main>
    </>
  );
}
