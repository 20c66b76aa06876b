import "server-only";
import type { Subscription } from "@/db/schema";
import { DRIFT_FIELD_NAMES, sameDriftValue, toDriftValue } from "@/lib/sync/drift-fields";

// The row mapping itself is subscriptionValues in ./from-marketplace.ts (one mapping for every path).

/**
 * What changed on a subscription, as audit `changes`: every field Microsoft owns (the sync's drift
 * fields, compared the way the sync compares them) and the portal's provisioning state. Every path
 * that writes a subscription audits this diff, so each change becomes exactly one outbound event.
 */
export function diffSubscription(before: Subscription | undefined, after: Subscription): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of DRIFT_FIELD_NAMES) {
    const from = before ? toDriftValue(key, before[key]) : null;
    const to = toDriftValue(key, after[key]);
    if (!sameDriftValue(from, to)) changes[key] = { from, to };
  }
  const from = before?.provisioningState ?? null;
  if (from !== after.provisioningState) changes.provisioningState = { from, to: after.provisioningState };
  return changes;
}
