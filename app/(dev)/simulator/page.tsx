import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { loadStorefront, StorefrontPage } from "marketplace-simulator/storefront";
import { getEnv } from "@/lib/env";
import { getSimulatorDb } from "@/lib/simulator-mount";
import { buyAction } from "./actions";

export const metadata: Metadata = { title: "Marketplace simulator" };

/** The simulator's storefront (packages/marketplace-simulator), on in simulator mode only. */
export default async function SimulatorStorefrontPage() {
  if (!getEnv().simulator.apiEnabled) notFound();
  return <StorefrontPage data={await loadStorefront(await getSimulatorDb())} buyAction={buyAction} />;
}
