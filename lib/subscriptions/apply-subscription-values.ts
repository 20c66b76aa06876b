import "server-only";
import type { Subscription } from "@/db/schema";

// The row mapping itself is subscriptionValues in ./from-marketplace.ts (one mapping for every path).

const AUDITED = ["status", "planId", "quantity", "provisioningState", "termStartDate", "termEndDate", "autoRenew"] as const;

export function diffSubscription(before: Subscription | undefined, after: Subscription): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of AUDITED) {
    const from = before?.[key] ?? null;
    const to = after[key] ?? null;
    const same = from instanceof Date && to instanceof Date ? from.getTime() === to.getTime() : from === to;
    if (!same) changes[key] = { from: from instanceof Date ? from.toISOString() : from, to: to instanceof Date ? to.toISOString() : to };
  }
  return changes;
}
