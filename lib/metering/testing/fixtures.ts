import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import { ensureOffer, upsertPlans } from "@/db/queries/catalogue";
import { upsertSubscription } from "@/db/queries/subscriptions";
import { subscriptions, usageEvents, usageHours, usageSchedules } from "@/db/schema";
import type { MarketplaceClient } from "@/lib/marketplace";
import { simUsageEvents } from "marketplace-simulator/schema";
import { alex, buy, type SimHarness } from "marketplace-simulator/testing";
import { planValues, subscriptionValues } from "@/lib/subscriptions/from-marketplace";
import { HOUR_MS, hourOf } from "../window";

export const quiet = { warn: () => {}, error: () => {}, info: () => {} };

/** Clears the portal's usage tables between tests (the simulator is reset by the harness). */
export async function clearUsage(db: Db) {
  for (const table of [usageEvents, usageHours, usageSchedules]) await db.delete(table);
}

/**
 * Buys a plan in the simulator and stores the subscription and its offer's plans in the portal as
 * a sync would, with the term started `termStartHoursAgo` hours ago.
 */
export async function purchase(h: SimHarness, client: MarketplaceClient, planId = "professional", termStartHoursAgo = 30) {
  const { subscriptionId } = await buy(h, { offerId: "contoso-analytics", planId, purchaser: alex, autoActivate: true });
  const remote = await client.getSubscription(subscriptionId);
  const db = h.db.db;
  await ensureOffer(db, { id: remote.offerId, displayName: remote.offerId });
  await upsertPlans(
    db,
    (await client.listAvailablePlans(subscriptionId)).map((p) => planValues(remote.offerId, p)),
  );
  await upsertSubscription(db, subscriptionValues(remote));
  await setTerm(db, subscriptionId, new Date(hourOf(new Date()).getTime() - termStartHoursAgo * HOUR_MS));
  return subscriptionId;
}

/** A renewal as the portal learns it from a sync: the term starts again at `start`. */
export async function setTerm(db: Db, subscriptionId: string, start: Date) {
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + 1);
  await db
    .update(subscriptions)
    .set({ termUnit: "P1M", termStartDate: start, termEndDate: end })
    .where(eq(subscriptions.id, subscriptionId));
}

/** The hour `n` hours before the current one. */
export const hoursAgo = (n: number) => new Date(hourOf(new Date()).getTime() - n * HOUR_MS);
export const at = (hour: Date, minutes = 10) => new Date(hour.getTime() + minutes * 60_000).toISOString();

export async function hourRow(db: Db, subscriptionId: string, dimension: string, hour: Date) {
  const [row] = await db
    .select()
    .from(usageHours)
    .where(and(eq(usageHours.subscriptionId, subscriptionId), eq(usageHours.dimension, dimension), eq(usageHours.hour, hour)));
  expect(row, `hour ${hour.toISOString()} of ${dimension}`).toBeDefined();
  return row!;
}

/** What Microsoft (the simulator) recorded for a subscription. */
export async function recorded(db: Db, subscriptionId: string) {
  return db.select().from(simUsageEvents).where(eq(simUsageEvents.resourceId, subscriptionId));
}

export async function setFaults(h: SimHarness, rules: unknown[]) {
  const res = await h.call("PUT", "/_sim/faults", { body: { rules } });
  expect(res.status, res.text).toBe(200);
}
