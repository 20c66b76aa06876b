import "server-only";
import type { Db } from "@/db/client";
import { updateSubscription } from "@/db/queries/subscriptions";
import { deleteDriftFor, getDriftFor, insertAuditEvents, listDriftSubscriptionIds, lockSubscriptionsForUpdate } from "@/db/queries/sync";
import type { AuditChanges, NewAuditEvent } from "@/db/schema";
import type { Actor } from "@/lib/subscriptions/activate";
import { acceptedValues, isDriftField, sameDriftValue, toDriftValue, type FieldDrift } from "./drift-fields";

export interface AcceptDriftResult {
  subscriptions: number;
  fields: number;
  /** Fields whose local value changed after the sync saw them: dropped, the next sync looks again. */
  stale: number;
}

const BATCH = 200;

/**
 * Takes Microsoft's version of the drifted fields. Each subscription is locked first and a field
 * is only overwritten if our value is still the one the sync compared, so a webhook applied in
 * between is never undone.
 */
export async function acceptDrift(
  db: Db,
  input: { subscriptionIds: string[] | "all"; actor: Actor },
  now = new Date(),
): Promise<AcceptDriftResult> {
  const total: AcceptDriftResult = { subscriptions: 0, fields: 0, stale: 0 };
  if (input.subscriptionIds !== "all") {
    const ids = [...new Set(input.subscriptionIds.map((id) => id.toLowerCase()))];
    for (let i = 0; i < ids.length; i += BATCH) add(total, await acceptBatch(db, ids.slice(i, i + BATCH), input.actor, now));
    return total;
  }
  let after: string | undefined;
  for (;;) {
    const ids = await listDriftSubscriptionIds(db, { limit: BATCH, after });
    if (ids.length === 0) return total;
    add(total, await acceptBatch(db, ids, input.actor, now));
    after = ids.at(-1);
  }
}

function add(total: AcceptDriftResult, part: AcceptDriftResult) {
  total.subscriptions += part.subscriptions;
  total.fields += part.fields;
  total.stale += part.stale;
}

async function acceptBatch(db: Db, ids: string[], actor: Actor, now: Date): Promise<AcceptDriftResult> {
  return db.transaction(async (tx) => {
    const locked = await lockSubscriptionsForUpdate(tx, ids);
    const drifts = await getDriftFor(tx, ids);
    const result: AcceptDriftResult = { subscriptions: 0, fields: 0, stale: 0 };
    const audits: NewAuditEvent[] = [];
    for (const sub of locked) {
      const fresh: FieldDrift[] = [];
      for (const d of drifts) {
        if (d.subscriptionId !== sub.id || !isDriftField(d.field)) continue;
        if (sameDriftValue(toDriftValue(d.field, sub[d.field]), d.localValue ?? null)) {
          fresh.push({ field: d.field, local: d.localValue ?? null, marketplace: d.marketplaceValue ?? null });
        } else {
          result.stale++;
        }
      }
      if (fresh.length === 0) continue;
      const values = acceptedValues(sub, fresh, now);
      await updateSubscription(tx, sub.id, values);
      const changes: AuditChanges = Object.fromEntries(fresh.map((f) => [f.field, { from: f.local, to: f.marketplace }]));
      if (values.provisioningState && values.provisioningState !== sub.provisioningState) {
        changes.provisioningState = { from: sub.provisioningState, to: values.provisioningState };
      }
      audits.push({
        actorType: actor.type,
        actorId: actor.id,
        actorEmail: actor.email,
        action: "subscription.drift_accepted",
        targetType: "subscription",
        targetId: sub.id,
        changes,
        metadata: { runId: drifts.find((d) => d.subscriptionId === sub.id)?.runId ?? null },
      });
      result.subscriptions++;
      result.fields += fresh.length;
    }
    await deleteDriftFor(tx, ids);
    await insertAuditEvents(tx, audits);
    return result;
  });
}
