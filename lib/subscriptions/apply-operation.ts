import "server-only";
import type { Db, Tx } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { completeOperation, getLatestAppliedTimestamp, getOperationById, insertOperation, lockSubscription } from "@/db/queries/operations";
import { updateSubscription, upsertSubscription } from "@/db/queries/subscriptions";
import type { Subscription } from "@/db/schema";
import type { MarketplaceOperation, MarketplaceSubscription } from "@/lib/marketplace";
import { provisioningForStatus } from "@/lib/sync/drift-fields";
import { diffSubscription } from "./apply-subscription-values";
import { subscriptionValues } from "./from-marketplace";
import { auditActionFor, provisioningAfter, transition, type LifecycleAction } from "./lifecycle";

export interface ApplyOperationInput {
  subscriptionId: string;
  action: LifecycleAction;
  operation: MarketplaceOperation;
  remote: MarketplaceSubscription;
  /** When GET subscription was sent, on the database's clock: orders readings across instances. */
  remoteReadAt: Date;
  notificationTimeStamp: Date | null;
  /** Who started the operation, as Microsoft's notification says; the portal's own record wins. */
  source?: "Azure" | "Partner";
  inboxId?: string;
  requestId?: string;
  correlationId?: string;
}

export type ApplyResult =
  { kind: "applied"; changes: Record<string, { from: unknown; to: unknown }> } | { kind: "ignored"; reason: string };

function parseTimestamp(v: string | undefined): Date | null {
  if (!v) return null;
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Whether Microsoft's subscription is what this operation leaves behind, or it has moved on since. */
function explains(op: MarketplaceOperation, action: LifecycleAction, next: string, remote: MarketplaceSubscription): boolean {
  if (remote.status !== next) return false;
  if (action === "ChangePlan" && op.planId !== undefined) return op.planId === remote.planId;
  if (action === "ChangeQuantity" && op.quantity !== undefined) return Math.trunc(op.quantity) === remote.quantity;
  return true;
}

// Microsoft's current subscription is the truth the portal converges to: every operation is checked
// against it, and a reading newer than the last one applied is written whatever the operation's fate,
// so the order, duplication or loss of notifications cannot leave the row behind Microsoft's.
// Subscription, operation record and audit event commit together; the record is unique on Microsoft's
// operation ID, so a redelivery, a replay or the Operation-Location poller cannot apply a change twice.
export async function applyOperation(db: Db, input: ApplyOperationInput, now = new Date()): Promise<ApplyResult> {
  const { operation: op, action, subscriptionId, remote } = input;
  const operationId = op.id.toLowerCase();
  return db.transaction(async (tx): Promise<ApplyResult> => {
    // One subscription's operations are applied one at a time, across workers and app instances.
    const local = await lockSubscription(tx, subscriptionId);
    const existing = await getOperationById(tx, operationId);
    if (existing?.completedAt) return { kind: "ignored", reason: "operation already recorded" };

    const timestamp = parseTimestamp(op.timeStamp) ?? input.notificationTimeStamp;
    const fresh = !local?.marketplaceReadAt || local.marketplaceReadAt.getTime() <= input.remoteReadAt.getTime();
    const step = transition(local?.status ?? null, action);
    let outcome: { applied: true } | { applied: false; reason: string; audit: string };
    if (op.status !== "Succeeded") {
      outcome = {
        applied: false,
        reason: `operation ${op.status}${op.errorMessage ? `: ${op.errorMessage}` : ""}`,
        audit: "operation.failed",
      };
    } else if (!fresh) {
      outcome = {
        applied: false,
        reason: "superseded: a newer reading of the subscription is already applied",
        audit: "operation.superseded",
      };
    } else {
      // Delivery order is not guaranteed: an operation older than one already applied is stale.
      const latest = local && timestamp ? await getLatestAppliedTimestamp(tx, subscriptionId, operationId) : null;
      if (latest && timestamp && timestamp < latest) {
        const reason = `stale: ${timestamp.toISOString()} is older than ${latest.toISOString()}`;
        outcome = { applied: false, reason, audit: "operation.dropped" };
      } else if (!step.ok) {
        outcome = { applied: false, reason: step.message, audit: "subscription.transition_refused" };
      } else if (!explains(op, action, step.next, remote)) {
        outcome = {
          applied: false,
          reason: `superseded: Microsoft shows the subscription ${remote.status} on ${remote.planId}`,
          audit: "operation.superseded",
        };
      } else {
        outcome = { applied: true };
      }
    }

    const record = {
      status: op.status,
      marketplaceTimestamp: timestamp,
      completedAt: now,
      // A refused or superseded operation is completed but never recorded as applied.
      appliedAt: outcome.applied ? now : null,
      errorMessage: outcome.applied ? (op.errorMessage ?? null) : outcome.reason,
    };
    const claimed = existing
      ? await completeOperation(tx, operationId, record)
      : await insertOperation(tx, {
          id: operationId,
          subscriptionId,
          action,
          source: input.source ?? "Azure",
          requestedPlanId: op.planId ?? null,
          requestedQuantity: op.quantity === undefined ? null : Math.trunc(op.quantity),
          ...record,
        });
    if (!claimed) return { kind: "ignored", reason: "operation already recorded" };

    const audit = {
      actorType: "marketplace" as const,
      actorId: claimed.source,
      targetType: "subscription",
      targetId: subscriptionId,
      metadata: {
        operationId,
        action,
        source: claimed.source,
        operationTimeStamp: timestamp?.toISOString() ?? null,
        inboxId: input.inboxId ?? null,
      },
      requestId: input.requestId,
      correlationId: input.correlationId,
    };

    // Failed operations changed nothing at Microsoft; every other fresh reading is written.
    const after = fresh && op.status === "Succeeded" ? await writeReading(tx, input, local, outcome.applied, now) : local;
    const changes = after ? diffSubscription(local, after) : {};
    if (outcome.applied) {
      await insertAuditEvent(tx, { ...audit, action: auditActionFor[action], changes });
      return { kind: "applied", changes };
    }
    await insertAuditEvent(tx, { ...audit, action: outcome.audit, metadata: { ...audit.metadata, reason: outcome.reason } });
    if (Object.keys(changes).length > 0) {
      // Microsoft's state applied as the truth, audited as such (and sent out like any change).
      await insertAuditEvent(tx, {
        ...audit,
        action: "subscription.converged",
        changes,
        metadata: { ...audit.metadata, reason: outcome.reason },
      });
    }
    return Object.keys(changes).length > 0 ? { kind: "applied", changes } : { kind: "ignored", reason: outcome.reason };
  });
}

async function writeReading(
  tx: Tx,
  input: ApplyOperationInput,
  local: Subscription | undefined,
  explained: boolean,
  now: Date,
): Promise<Subscription | undefined> {
  const { action, remote } = input;
  const status = remote.status;
  await upsertSubscription(tx, { ...subscriptionValues(remote, { now }), marketplaceReadAt: input.remoteReadAt });
  const provisioningState = explained
    ? provisioningAfter(action, local?.provisioningState ?? null)
    : status === local?.status
      ? local.provisioningState
      : provisioningForStatus(status, local?.provisioningState ?? null);
  const activate = status === "Subscribed" && !local?.activatedAt && (explained ? action === "Subscribe" : true);
  const after = await updateSubscription(tx, input.subscriptionId, { provisioningState, ...(activate ? { activatedAt: now } : {}) });
  if (!after) throw new Error(`subscription ${input.subscriptionId} vanished while applying ${action}`);
  return after;
}
