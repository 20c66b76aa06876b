import "server-only";
import type { Db } from "@/db/client";
import { addToHour, earliestOpenHour, listHoursWithLateUsage, lockGroupHours, subtractLateQuantity } from "@/db/queries/usage-submit";
import { insertAuditEvents } from "@/db/queries/usage-audit";
import type { UsageHour } from "@/db/schema";
import { hourOf } from "./window";

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Usage that arrived for an hour already split (reported, or on its way) cannot be added to it:
 * Microsoft takes one event per resource, dimension and hour. It is added to the earliest hour of
 * the same subscription and dimension not yet reported inside the window (the current hour when
 * none is), and audited as `usage.late_moved`.
 *
 * One transaction per subscription and dimension, which locks the hours it writes in hour order
 * before writing any: ingestion locks hours in (subscription, dimension, hour) order too, so the two
 * only ever wait on each other, never deadlock. Two passes moving one group wait for each other; the
 * second finds nothing left to move.
 */
export async function moveLateUsage(db: Db, opts: { now: Date; windowStart: Date }): Promise<number> {
  const candidates = await listHoursWithLateUsage(db, 500);
  const groups = new Map<string, UsageHour[]>();
  for (const h of candidates) {
    const key = `${h.subscriptionId}|${h.dimension}`;
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  let moved = 0;
  for (const hours of groups.values()) moved += await moveGroup(db, hours, opts);
  return moved;
}

async function moveGroup(db: Db, candidates: UsageHour[], opts: { now: Date; windowStart: Date }): Promise<number> {
  const { subscriptionId, dimension } = candidates[0]!;
  return db.transaction(async (tx) => {
    // A target that does not exist yet is the current hour, after every split hour in key order.
    const target = (await earliestOpenHour(tx, subscriptionId, dimension, opts.windowStart)) ?? hourOf(opts.now);
    const locked = await lockGroupHours(tx, subscriptionId, dimension, [...candidates.map((h) => h.hour), target]);
    const late = locked.filter(
      (h) => h.lateQuantity > 0 && h.status !== "open" && h.status !== "submitting" && h.hour.getTime() !== target.getTime(),
    );
    if (late.length === 0) return 0;
    const quantity = round(late.reduce((sum, h) => sum + h.lateQuantity, 0));
    await addToHour(tx, { subscriptionId, dimension, hour: target, quantity, planId: late[0]!.planId });
    for (const h of late) await subtractLateQuantity(tx, { subscriptionId, dimension, hour: h.hour, quantity: h.lateQuantity });
    await insertAuditEvents(
      tx,
      late.map((h) => ({
        actorType: "system" as const,
        actorId: "metering",
        action: "usage.late_moved",
        targetType: "subscription",
        targetId: subscriptionId,
        metadata: {
          dimension,
          fromHour: h.hour.toISOString(),
          toHour: target.toISOString(),
          quantity: h.lateQuantity,
          fromStatus: h.status,
        },
      })),
    );
    return late.length;
  });
}
