"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { currentUser } from "@/lib/auth";
import { getMarketplaceClient } from "@/lib/services/marketplace";
import { activateSubscription, confirmPurchase, type Actor } from "@/lib/subscriptions/activate";
import { clientAddressOf, consumeAbuseLimit } from "@/lib/rate-limit";
import { openPurchase } from "@/lib/subscriptions/landing";

export type LandingActionState =
  | { ok: true }
  /** `values` echoes the buyer's answers so a correction never loses what they typed. */
  | { ok: false; error: string; fieldErrors?: Record<string, string>; values?: Record<string, string> }
  | null;

const tokenSchema = z.string().min(1).max(8192);

/** A token the portal has not seen costs a resolve call: counted against the landing page's limit. */
async function landingDeps() {
  const requestHeaders = await headers();
  const address = clientAddressOf((name) => requestHeaders.get(name));
  return { db: await getDb(), client: getMarketplaceClient(), limitResolve: () => consumeAbuseLimit("landingResolve", address) };
}

/**
 * The buyer's Confirm. The token (not a subscription ID) identifies the purchase, so nobody can
 * confirm a subscription they hold no purchase link for.
 */
export async function confirmPurchaseAction(_prev: LandingActionState, form: FormData): Promise<LandingActionState> {
  const user = await currentUser();
  if (!user) return { ok: false, error: "Your session has ended. Sign in again to continue." };
  const token = tokenSchema.safeParse(form.get("token"));
  if (!token.success) return { ok: false, error: "This form is missing its purchase link. Reopen the link from Microsoft." };

  const deps = await landingDeps();
  const purchase = await openPurchase(deps, token.data);
  if (purchase.kind !== "purchase") return { ok: false, error: "We could not identify your purchase any more. Reopen the link from Microsoft." };

  const answers = Object.fromEntries([...form.entries()].filter(([k, v]) => k.startsWith("field:") && typeof v === "string").map(([k, v]) => [k.slice(6), v]));
  const actor: Actor = { type: "user", id: user.id, email: user.email };
  const result = await confirmPurchase(deps, { subscriptionId: purchase.subscription.id, actor, answers });
  if (!result.ok && result.reason === "invalid") {
    return { ok: false, error: "Please correct the highlighted fields.", fieldErrors: result.fieldErrors, values: answers as Record<string, string> };
  }
  // Confirmed, already confirmed elsewhere, or failed visibly: the page shows the current state.
  redirect(`/landing?token=${encodeURIComponent(token.data)}`);
}

/** Retry after a transient activation failure; the same database claim keeps it to one call. */
export async function retryActivationAction(_prev: LandingActionState, form: FormData): Promise<LandingActionState> {
  const user = await currentUser();
  if (!user) return { ok: false, error: "Your session has ended. Sign in again to continue." };
  const token = tokenSchema.safeParse(form.get("token"));
  if (!token.success) return { ok: false, error: "This form is missing its purchase link." };
  const deps = await landingDeps();
  const purchase = await openPurchase(deps, token.data);
  if (purchase.kind !== "purchase") return { ok: false, error: "We could not identify your purchase any more." };
  if (purchase.subscription.provisioningState !== "activation_failed") redirect(`/landing?token=${encodeURIComponent(token.data)}`);
  await activateSubscription(deps, { subscriptionId: purchase.subscription.id, actor: { type: "user", id: user.id, email: user.email } });
  redirect(`/landing?token=${encodeURIComponent(token.data)}`);
}
