import "server-only";
import type { Db } from "@/db/client";
import { earliestOpenHour, lockHoursWithLateUsage, moveLateQuantity } from "@/db/queries/usage-submit";
import { insertAuditEvents } from "@/db/queries/usage-audit";
import { hourOf } from "./window";

/**
 * Usage that arrived for an hour already split (reported, or on its way) cannot be added to it:
 * Microsoft takes one event per resource, dimension and hour. It is added to the earliest hour of
 * the same subscription and dimension not yet reported inside the window (the current hour when
 * none is), and audited as `usage.late_moved`.
 */
export async function moveLateUsage(db: Db, opts: { now: Date; windowStart: Date }): Promise<number> {
  return db.transaction(async (tx) => {
    const late = await lockHoursWithLateUsage(tx, 500);
    const audits = [];
    for (const h of late) {
      const target = (await earliestOpenHour(tx, h.subscriptionId, h.dimension, opts.windowStart)) ?? hourOf(opts.now);
      await moveLateQuantity(
        tx,
        { subscriptionId: h.subscriptionId, dimension: h.dimension, hour: h.hour, quantity: h.lateQuantity, planId: h.planId },
        target,
      );
      audits.push({
        actorType: "system" as const,
        actorId: "metering",
        action: "usage.late_moved",
        targetType: "subscription",
        targetId: h.subscriptionId,
        metadata: {
          dimension: h.dimension,
          fromHour: h.hour.toISOString(),
          toHour: target.toISOString(),
          quantity: h.lateQuantity,
          fromStatus: h.status,
        },
      });
    }
    await insertAuditEvents(tx, audits);
    return late.length;
  });
}
