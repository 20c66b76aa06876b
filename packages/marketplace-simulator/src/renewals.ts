import { and, asc, eq, lt } from "drizzle-orm";
import type { Db } from "./db";
import { performCustomerAction } from "./control/customer-actions";
import { SimHttpError } from "./http";
import { simSubscriptions, type SimSubscription } from "./schema";
import { startOfUtcDay } from "./terms";

const DAY_MS = 24 * 3600 * 1000;
/** Renewals per pass; a subscription behind by several terms catches up one term per pass. */
const BATCH = 20;

/**
 * Microsoft renews an auto-renewing subscription the day after its term's end date and tells the
 * publisher with a Renew webhook. Returns the subscriptions renewed by this pass.
 */
export async function renewDueSubscriptions(db: Db, now: Date): Promise<string[]> {
  // endDate is the term's last valid day (00:00Z): it renews once that day is over.
  const endedBefore = new Date(startOfUtcDay(now).getTime() - DAY_MS + 1);
  const isDue = (sub: SimSubscription) =>
    sub.status === "Subscribed" && sub.autoRenew && sub.termEndDate !== null && sub.termEndDate < endedBefore;
  const due = await db
    .select({ id: simSubscriptions.id })
    .from(simSubscriptions)
    .where(
      and(eq(simSubscriptions.status, "Subscribed"), eq(simSubscriptions.autoRenew, true), lt(simSubscriptions.termEndDate, endedBefore)),
    )
    .orderBy(asc(simSubscriptions.termEndDate))
    .limit(BATCH);
  const renewed: string[] = [];
  for (const { id } of due) {
    try {
      // The control API's "renew", re-checked on the locked row: another instance's pass may have renewed it.
      await performCustomerAction(db, id, "renew", undefined, now, isDue);
      renewed.push(id);
    } catch (err) {
      // 409: renewed by another instance, or unsubscribed or suspended meanwhile; nothing to do.
      if (!(err instanceof SimHttpError && err.status === 409))
        console.warn(`[simulator] renewing ${id} failed`, err instanceof Error ? err.message : err);
    }
  }
  return renewed;
}
