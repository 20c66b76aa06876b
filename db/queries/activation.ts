import "server-only";
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { subscriptions, type NewSubscription, type Subscription } from "../schema";

type ProvisioningState = Subscription["provisioningState"];

/** An `activating` claim this old was abandoned (activate and its read-back take seconds, retries included). */
export const ACTIVATION_CLAIM_STALE_MS = 2 * 60 * 1000;

/** Whether an `activating` claim may be taken over, for pages that offer "Try again". */
export function isActivationClaimStale(
  s: Pick<Subscription, "provisioningState" | "activationClaimedAt" | "updatedAt">,
  now: Date = new Date(),
): boolean {
  if (s.provisioningState !== "activating") return false;
  const claimedAt = s.activationClaimedAt ?? s.updatedAt;
  return now.getTime() - claimedAt.getTime() > ACTIVATION_CLAIM_STALE_MS;
}

/**
 * Atomically moves a subscription from one of `from` to `to`; only one caller can win, which is
 * what makes activation exactly-once across double clicks, tabs and app instances. An
 * `activating` claim older than `staleAfterMs` (a crashed request) may be taken over; its age counts
 * from the claim, not from `updated_at`, which every landing-page view refreshes.
 */
export async function claimProvisioning(
  db: DbOrTx,
  id: string,
  from: ProvisioningState[],
  to: ProvisioningState,
  values: Partial<NewSubscription> = {},
  staleAfterMs = ACTIVATION_CLAIM_STALE_MS,
): Promise<Subscription | undefined> {
  const [row] = await db
    .update(subscriptions)
    .set({ ...values, provisioningState: to, ...(to === "activating" ? { activationClaimedAt: sql`now()` } : {}) })
    .where(
      and(
        eq(subscriptions.id, id),
        or(
          inArray(subscriptions.provisioningState, from),
          and(
            eq(subscriptions.provisioningState, "activating"),
            lt(
              sql`coalesce(${subscriptions.activationClaimedAt}, ${subscriptions.updatedAt})`,
              sql`now() - make_interval(secs => ${staleAfterMs / 1000})`,
            ),
          ),
        ),
      ),
    )
    .returning();
  return row;
}
