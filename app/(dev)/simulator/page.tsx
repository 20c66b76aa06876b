import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getEnv } from "@/lib/env";
import { getSimulatorDb } from "marketplace-simulator";
import { BuyForm, loadStorefront, SimulatorNav } from "marketplace-simulator/storefront";

export const metadata: Metadata = { title: "Marketplace simulator" };

/** A stand-in for the marketplace listing: buy a plan, then land on the portal as a buyer would. */
export default async function SimulatorStorefrontPage() {
  if (!getEnv().simulator.apiEnabled) notFound();
  const data = await loadStorefront(await getSimulatorDb());
  return (
    <>
      <SimulatorNav current="/simulator" />
      <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-10">
        <h1 className="text-2xl font-semibold text-slate-900">Buy a SaaS plan</h1>
        <p className="mt-2 max-w-3xl text-sm text-slate-600">
          This page plays the Azure portal and AppSource. Buying creates a subscription on the simulated marketplace, then
          opens the portal&apos;s landing page with a purchase token, as &ldquo;Configure account&rdquo; does.
        </p>
        <div className="mt-8 rounded-xl border border-slate-200 bg-slate-50/50 p-6">
          <BuyForm data={data} />
        </div>
      </main>
    </>
  );
}
