import "server-only";
import type { Db, DbOrTx } from "@/db/client";
import { lockSubscription } from "@/db/queries/operations";
import { hasOpenPartnerOperation } from "@/db/queries/partner-operations";
import { updateSubscription } from "@/db/queries/subscriptions";
import {
  deleteDriftFields,
  deleteDriftFor,
  getDriftFor,
  insertAuditEvents,
  listDriftSubscriptionIds,
  listDriftSubscriptionIdsOfRun,
  lockSubscriptionsForUpdate,
} from "@/db/queries/sync";
import type { AuditChanges, NewAuditEvent, Subscription, SyncDrift } from "@/db/schema";
import type { Actor } from "@/lib/subscriptions/activate";
import { acceptedValues, isDriftField, sameDriftValue, toDriftValue, type DriftField, type FieldDrift } from "./drift-fields";

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
      const applied = await applyDrift(tx, sub, drifts, now);
      result.stale += applied.stale;
      if (!applied.changes) continue;
      audits.push({
        actorType: actor.type,
        actorId: actor.id,
        actorEmail: actor.email,
        action: "subscription.drift_accepted",
        targetType: "subscription",
        targetId: sub.id,
        changes: applied.changes,
        metadata: { runId: applied.runId },
      });
      result.subscriptions++;
      result.fields += applied.fields;
    }
    await deleteDriftFor(tx, ids);
    await insertAuditEvents(tx, audits);
    return result;
  });
}

/**
 * Writes Microsoft's values of the given drift rows that are still fresh (our value is still the
 * one the sync compared) and returns the audit changes, or null when nothing was fresh.
 */
async function applyDrift(
  tx: DbOrTx,
  sub: Subscription,
  drifts: SyncDrift[],
  now: Date,
): Promise<{ changes: AuditChanges | null; fields: number; stale: number; runId: string | null }> {
  const fresh: FieldDrift[] = [];
  let stale = 0;
  for (const d of drifts) {
    if (d.subscriptionId !== sub.id || !isDriftField(d.field)) continue;
    if (sameDriftValue(toDriftValue(d.field, sub[d.field]), d.localValue ?? null)) {
      fresh.push({ field: d.field, local: d.localValue ?? null, marketplace: d.marketplaceValue ?? null });
    } else {
      stale++;
    }
  }
  const runId = drifts.find((d) => d.subscriptionId === sub.id)?.runId ?? null;
  if (fresh.length === 0) return { changes: null, fields: 0, stale, runId };
  const values = acceptedValues(sub, fresh, now);
  await updateSubscription(tx, sub.id, values);
  const changes: AuditChanges = Object.fromEntries(fresh.map((f) => [f.field, { from: f.local, to: f.marketplace }]));
  if (values.provisioningState && values.provisioningState !== sub.provisioningState) {
    changes.provisioningState = { from: sub.provisioningState, to: values.provisioningState };
  }
  return { changes, fields: fresh.length, stale, runId };
}

/**
 * Microsoft-owned fields a sync applies by itself: Microsoft is their source of truth and they only
 * change through its operations, so a difference is a webhook the portal missed or has not applied.
 * The rest (names, e-mails, tenants) stays for staff to review.
 */
export const HEALABLE_FIELDS = [
  "status",
  "planId",
  "quantity",
  "termUnit",
  "termStartDate",
  "termEndDate",
  "isFreeTrial",
  "autoRenew",
] as const satisfies readonly DriftField[];
const HEALABLE: ReadonlySet<string> = new Set(HEALABLE_FIELDS);

export interface HealDriftResult {
  /** Subscriptions whose drift was applied, and how many fields. */
  healed: number;
  fields: number;
  /** Left for staff: the portal started a change (PATCH, DELETE or activation) that has not settled. */
  conflicts: number;
  /** Fields whose local value changed after the sync saw them: dropped, the next sync looks again. */
  stale: number;
}

/**
 * Applies a run's drift in Microsoft-owned fields, one subscription per transaction under the same
 * per-subscription lock the webhook worker takes, so it never interleaves with an operation being
 * applied. Audited as `subscription.drift_healed`, which the outbound events turn into the change it
 * made. A subscription with a portal-started operation pending keeps its drift for staff.
 */
export async function healDrift(db: Db, input: { runId: string }, now = new Date()): Promise<HealDriftResult> {
  const total: HealDriftResult = { healed: 0, fields: 0, conflicts: 0, stale: 0 };
  let after: string | undefined;
  for (;;) {
    const ids = await listDriftSubscriptionIdsOfRun(db, input.runId, { limit: BATCH, after });
    if (ids.length === 0) return total;
    for (const id of ids) {
      const r = await healOne(db, id, now);
      total.healed += r.healed;
      total.fields += r.fields;
      total.conflicts += r.conflicts;
      total.stale += r.stale;
    }
    after = ids.at(-1);
  }
}

async function healOne(db: Db, id: string, now: Date): Promise<HealDriftResult> {
  return db.transaction(async (tx) => {
    const none: HealDriftResult = { healed: 0, fields: 0, conflicts: 0, stale: 0 };
    const sub = await lockSubscription(tx, id);
    if (!sub) return none;
    const drifts = (await getDriftFor(tx, [id])).filter((d) => HEALABLE.has(d.field));
    if (drifts.length === 0) return none;
    if (sub.provisioningState === "activating" || (await hasOpenPartnerOperation(tx, id))) return { ...none, conflicts: 1 };
    const applied = await applyDrift(tx, sub, drifts, now);
    await deleteDriftFields(
      tx,
      id,
      drifts.map((d) => d.field),
    );
    if (!applied.changes) return { ...none, stale: applied.stale };
    await insertAuditEvents(tx, [
      {
        actorType: "system",
        actorId: "sync",
        action: "subscription.drift_healed",
        targetType: "subscription",
        targetId: sub.id,
        changes: applied.changes,
        metadata: { runId: applied.runId },
      },
    ]);
    return { healed: 1, fields: applied.fields, conflicts: 0, stale: applied.stale };
  });
}
