"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getEnv } from "@/lib/env";
import {
  buyFromForm,
  clearWebhookDeliveries,
  customerActionFromForm,
  resetSimulator,
  type StorefrontResult,
} from "marketplace-simulator/storefront";
import { getSimulatorDb } from "@/lib/simulator-mount";

// Server actions are public endpoints: each one checks the mode itself.
const disabled: StorefrontResult<never> = { ok: false, error: "The marketplace simulator is only available in simulator mode." };
// Anyone can call an action with arguments of their own making: a form is checked to be one.
const notAForm: StorefrontResult<never> = { ok: false, error: "The form could not be read." };

/** Buys a plan, then sends the browser to the portal's landing page, as Microsoft's "Configure account" does. */
export async function buyAction(_prev: StorefrontResult<unknown> | null, form: FormData): Promise<StorefrontResult<unknown>> {
  if (!getEnv().simulator.apiEnabled) return disabled;
  if (!(form instanceof FormData)) return notAForm;
  const result = await buyFromForm(await getSimulatorDb(), form, new Date());
  if (!result.ok) return result;
  revalidatePath("/simulator/subscriptions");
  redirect(result.data!.landingUrl);
}

export async function customerAction(_prev: StorefrontResult<unknown> | null, form: FormData): Promise<StorefrontResult<unknown>> {
  if (!getEnv().simulator.apiEnabled) return disabled;
  if (!(form instanceof FormData)) return notAForm;
  const result = await customerActionFromForm(await getSimulatorDb(), form, new Date());
  revalidatePath("/simulator/subscriptions");
  if (result.ok && result.data?.landingUrl) redirect(result.data.landingUrl);
  return result;
}

export async function resetAction(_prev: StorefrontResult<unknown> | null): Promise<StorefrontResult<unknown>> {
  if (!getEnv().simulator.apiEnabled) return disabled;
  await resetSimulator(await getSimulatorDb(), new Date(), [clearWebhookDeliveries]);
  revalidatePath("/simulator/subscriptions");
  return { ok: true, message: "The simulator is back to its seeded state." };
}
