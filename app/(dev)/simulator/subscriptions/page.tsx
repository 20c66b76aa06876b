import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { loadSubscriptionsPage, SubscriptionsPage } from "marketplace-simulator/storefront";
import { getEnv } from "@/lib/env";
import { getSimulatorDb } from "@/lib/simulator-mount";
import { customerAction, resetAction } from "../actions";

export const metadata: Metadata = { title: "Simulated subscriptions" };

/** The simulator's subscriptions page (packages/marketplace-simulator), on in simulator mode only. */
export default async function SimulatorSubscriptionsPage() {
  if (!getEnv().simulator.apiEnabled) notFound();
  const data = await loadSubscriptionsPage(await getSimulatorDb(), new Date());
  return <SubscriptionsPage data={data} customerAction={customerAction} resetAction={resetAction} />;
}
