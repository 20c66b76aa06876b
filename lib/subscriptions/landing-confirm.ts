import "server-only";
import { isActivationClaimStale } from "@/db/queries/activation";
import { fail, type ServiceResult } from "@/lib/errors";
import { activateSubscription, confirmPurchase, type Actor } from "./activate";
import { openPurchase, type LandingDeps } from "./landing";
import type { OnboardingWords } from "./onboarding";

/**
 * The buyer's Confirm on the landing page. The token (not a subscription ID) identifies the
 * purchase, so nobody can confirm a subscription they hold no purchase link for. Confirmed,
 * already confirmed elsewhere, or failed visibly: the page shows the current state afterwards.
 */
export async function confirmFromLanding(
  deps: LandingDeps,
  input: { token: string; actor: Actor; answers: Record<string, string>; words?: OnboardingWords },
): Promise<ServiceResult<undefined, "purchase-unknown" | "invalid-input">> {
  const purchase = await openPurchase(deps, input.token);
  if (purchase.kind !== "purchase") return fail("purchase-unknown");
  const result = await confirmPurchase(deps, {
    subscriptionId: purchase.subscription.id,
    actor: input.actor,
    answers: input.answers,
    words: input.words,
  });
  if (!result.ok && result.reason === "invalid") return fail("invalid-input", result.fieldErrors);
  return { ok: true, data: undefined };
}

/** Retry after a transient activation failure; the same database claim keeps it to one call. */
export async function retryFromLanding(
  deps: LandingDeps,
  input: { token: string; actor: Actor },
): Promise<ServiceResult<undefined, "purchase-unknown">> {
  const purchase = await openPurchase(deps, input.token);
  if (purchase.kind !== "purchase") return fail("purchase-unknown");
  // A failed attempt, or a claim abandoned by a crash (taken over only once it is stale).
  if (purchase.subscription.provisioningState === "activation_failed" || isActivationClaimStale(purchase.subscription)) {
    await activateSubscription(deps, { subscriptionId: purchase.subscription.id, actor: input.actor });
  }
  return { ok: true, data: undefined };
}
