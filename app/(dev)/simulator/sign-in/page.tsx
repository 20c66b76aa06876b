import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AccountPicker, describeSignInRequest } from "marketplace-simulator/identity";
import { getEnv } from "@/lib/env";
import { getSimulatorDb } from "@/lib/simulator-mount";

export const metadata: Metadata = { title: "Sign in (simulated Microsoft account)" };

/** The simulator's Entra look-alike account picker (packages/marketplace-simulator). */
export default async function SimulatorSignInPage({ searchParams }: { searchParams: Promise<{ request?: string | string[] }> }) {
  if (!getEnv().simulator.identityEnabled) notFound();
  const { request } = await searchParams;
  const model = await describeSignInRequest(await getSimulatorDb(), typeof request === "string" ? request : undefined, new Date());
  return <AccountPicker model={model} />;
}
