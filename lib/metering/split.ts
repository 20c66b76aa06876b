import "server-only";
import type { Db } from "@/db/client";
import {
  applySplits,
  listClosedOpenHours,
  lockClosedOpenHours,
  selectTermsAndPlans,
  sumIncludedUsed,
  type AllowanceKey,
  type HourSplit,
  type HourToSplit,
} from "@/db/queries/usage-submit";
import { insertAuditEvents } from "@/db/queries/usage-audit";
import { expiredAudit } from "./audit";
import { includedUnits, termOf } from "./terms";

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const groupKey = (h: { subscriptionId: string; dimension: string }) => `${h.subscriptionId}|${h.dimension}`;

/**
 * Splits closed hours into the part the plan includes and the part to report, in hour order per
 * subscription and dimension: the allowance (meteredQuantityIncluded of the subscription's term
 * unit on the hour's plan) is used up from the term start, restarts at renewal, and after a plan
 * change counts the new plan's hours only. A pass only splits a group's hours from its earliest
 * unsplit one on, so two instances never split one group's hours out of order.
 */
export async function splitClosedHours(db: Db, opts: { closedBefore: Date; windowStart: Date; limit?: number }): Promise<HourSplit[]> {
  return db.transaction(async (tx) => {
    const locked = await lockClosedOpenHours(tx, opts.closedBefore, opts.limit ?? 5000);
    if (locked.length === 0) return [];
    const subIds = [...new Set(locked.map((h) => h.subscriptionId))];
    const all = await listClosedOpenHours(tx, subIds, opts.closedBefore);
    const mine = new Map(locked.map((h) => [`${groupKey(h)}|${h.hour.getTime()}`, h]));
    // Per group, the hours this pass may split: the unbroken run of locked ones from the earliest.
    const take: HourToSplit[] = [];
    const blocked = new Set<string>();
    for (const h of all) {
      const g = groupKey(h);
      if (blocked.has(g)) continue;
      const row = mine.get(`${g}|${h.hour.getTime()}`);
      if (row) take.push(row);
      else blocked.add(g);
    }
    if (take.length === 0) return [];

    const { subs, plans } = await selectTermsAndPlans(tx, subIds);
    const subById = new Map(subs.map((s) => [s.id, s]));
    const planTerms = new Map(plans.map((p) => [`${p.offerId}|${p.planId}`, p.billingTerms]));
    const keyOf = (h: HourToSplit) => {
      const sub = subById.get(h.subscriptionId);
      const term = termOf(h.hour, sub ?? { termUnit: null, termStartDate: null, termEndDate: null });
      return {
        k: `${groupKey(h)}|${h.planId}|${term.start.toISOString()}`,
        s: h.subscriptionId,
        d: h.dimension,
        p: h.planId,
        from: term.start.toISOString(),
        to: term.end.toISOString(),
      };
    };
    const keys = new Map<string, AllowanceKey>();
    const rowKeys = take.map((h) => {
      const key = keyOf(h);
      keys.set(key.k, key);
      return key.k;
    });
    const used = await sumIncludedUsed(tx, [...keys.values()]);

    const splits: HourSplit[] = take.map((h, i) => {
      const sub = subById.get(h.subscriptionId);
      const allowance = sub ? includedUnits(planTerms.get(`${sub.offerId}|${h.planId}`), sub.termUnit, h.dimension) : 0;
      const k = rowKeys[i]!;
      const before = used.get(k) ?? 0;
      const included = round(Math.min(h.quantity, Math.max(0, allowance - before)));
      used.set(k, before + included);
      const reported = round(h.quantity - included);
      const expired = h.hour.getTime() <= opts.windowStart.getTime();
      return {
        s: h.subscriptionId,
        d: h.dimension,
        h: h.hour.toISOString(),
        included,
        reported,
        status: reported <= 0 ? "nothing_to_report" : expired ? "expired" : "ready",
        error: reported > 0 && expired ? "Microsoft's 24-hour window passed before the hour was sent." : null,
      };
    });
    await applySplits(tx, splits);
    await insertAuditEvents(
      tx,
      splits
        .filter((s) => s.status === "expired")
        .map((s) =>
          expiredAudit({ subscriptionId: s.s, dimension: s.d, hour: new Date(s.h), reportedQuantity: s.reported, lastError: s.error }),
        ),
    );
    return splits;
  });
}
