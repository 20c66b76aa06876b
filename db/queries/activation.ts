import "server-only";
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { subscriptions, type NewSubscription, type Subscription } from "../schema";

type ProvisioningState = Subscription["provisioningState"];

/**
 * Atomically moves a subscription from one of `from` to `to`; only one caller can win, which is
 * what makes activation exactly-once across double clicks, tabs and app instances. An
 * `activating` claim older than `staleAfterMs` (a crashed request) may be taken over.
 */
export async function claimProvisioning(
  db: DbOrTx,
  id: string,
  from: ProvisioningState[],
  to: ProvisioningState,
  values: Partial<NewSubscription> = {},
  staleAfterMs = 2 * 60 * 1000,
): Promise<Subscription | undefined> {
  const [row] = await db
    .update(subscriptions)
    .set({ ...values, provisioningState: to })
    .where(
      and(
        eq(subscriptions.id, id),
        or(
          inArray(subscriptions.provisioningState, from),
          and(
            eq(subscriptions.provisioningState, "activating"),
            lt(subscriptions.updatedAt, sql`now() - make_interval(secs => ${staleAfterMs / 1000})`),
          ),
        ),
      ),
    )
    .returning();
  return row;
}
