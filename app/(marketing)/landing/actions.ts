"use server";

import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db";
import { buyerAction } from "@/lib/actions/buyer-action";
import type { ActionState } from "@/lib/actions/result";
import { getMarketplaceClient } from "@/lib/services/marketplace";
import { clientAddressOf, consumeAbuseLimit } from "@/lib/rate-limit";
import { confirmFromLanding, retryFromLanding } from "@/lib/subscriptions/landing-confirm";
import type { OnboardingWords } from "@/lib/subscriptions/onboarding";

export type LandingActionState = ActionState;

// The onboarding answers travel as `field:<key>` next to the token; their rules live in the catalogue.
const landingForm = z.looseObject({ token: z.string().min(1).max(8192) });
const options = { invalidInput: "purchase-link-missing" } as const;
const landingPage = (token: string) => `/landing?token=${encodeURIComponent(token)}`;

/** A token the portal has not seen costs a resolve call: counted against the landing page's limit. */
async function landingDeps() {
  const requestHeaders = await headers();
  const address = clientAddressOf((name) => requestHeaders.get(name));
  return { db: await getDb(), client: getMarketplaceClient(), limitResolve: () => consumeAbuseLimit("landingResolve", address) };
}

function answersOf(input: Record<string, unknown>): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (key.startsWith("field:") && typeof last === "string") answers[key.slice(6)] = last;
  }
  return answers;
}

/** The onboarding form's field errors in the buyer's language. */
async function onboardingWords(): Promise<OnboardingWords> {
  const t = await getTranslations("Onboarding");
  return (key, values) => t(key, { min: 0, max: 0, ...values });
}

/** The buyer's Confirm; the page shows the purchase's state afterwards. */
export const confirmPurchaseAction = buyerAction(
  landingForm,
  async (input, ctx) => {
    const answers = answersOf(input);
    const result = await confirmFromLanding(await landingDeps(), {
      token: input.token,
      actor: ctx.actor,
      answers,
      words: await onboardingWords(),
    });
    if (result.ok) return { ok: true, redirectTo: landingPage(input.token) };
    // Field errors go by the fields' form names, as the form echoes them (packages/action-form).
    const fieldErrors = result.fieldErrors && Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [`field:${k}`, v]));
    return { ...result, ...(fieldErrors && { fieldErrors }) };
  },
  options,
);

/** Retry after a transient activation failure. */
export const retryActivationAction = buyerAction(
  landingForm,
  async (input, ctx) => {
    const result = await retryFromLanding(await landingDeps(), { token: input.token, actor: ctx.actor });
    return result.ok ? { ok: true, redirectTo: landingPage(input.token) } : result;
  },
  options,
);
