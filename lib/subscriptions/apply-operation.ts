import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import {
  completeOperation,
  getLatestOperationTimestamp,
  getOperationById,
  insertOperation,
  lockSubscription,
} from "@/db/queries/operations";
import { updateSubscription, upsertSubscription } from "@/db/queries/subscriptions";
import type { MarketplaceOperation, MarketplaceSubscription } from "@/lib/marketplace";
import { diffSubscription } from "./apply-subscription-values";
import { subscriptionValues } from "./from-marketplace";
import { auditActionFor, provisioningAfter, transition, type LifecycleAction } from "./lifecycle";

export interface ApplyOperationInput {
  subscriptionId: string;
  action: LifecycleAction;
  operation: MarketplaceOperation;
  remote: MarketplaceSubscription;
  notificationTimeStamp: Date | null;
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

// Subscription, operation record and audit event commit together. The record is unique on Microsoft's operation
// ID, so a redelivery, a replay or the portal's Operation-Location poller cannot apply a change twice.
export async function applyOperation(db: Db, input: ApplyOperationInput, now = new Date()): Promise<ApplyResult> {
  const { operation: op, action, subscriptionId } = input;
  const operationId = op.id.toLowerCase();
  return db.transaction(async (tx): Promise<ApplyResult> => {
    // Serialises operations on one subscription across workers and app instances.
    const local = await lockSubscription(tx, subscriptionId);
    const existing = await getOperationById(tx, operationId);
    if (existing?.completedAt) return { kind: "ignored", reason: "operation already recorded" };

    const timestamp = parseTimestamp(op.timeStamp) ?? input.notificationTimeStamp;
    let refusal: { reason: string; audit: string } | null = null;
    if (op.status !== "Succeeded") {
      refusal = { reason: `operation ${op.status}${op.errorMessage ? `: ${op.errorMessage}` : ""}`, audit: "operation.failed" };
    } else if (local && timestamp) {
      // Delivery order is not guaranteed: an operation older than one already seen is stale.
      const latest = await getLatestOperationTimestamp(tx, subscriptionId, operationId);
      if (latest && timestamp < latest) {
        refusal = { reason: `stale: ${timestamp.toISOString()} is older than ${latest.toISOString()}`, audit: "operation.dropped" };
      }
    }
    const step = transition(local?.status ?? null, action);
    if (!refusal && !step.ok) refusal = { reason: step.message, audit: "subscription.transition_refused" };

    const record = {
      status: op.status,
      marketplaceTimestamp: timestamp,
      completedAt: now,
      appliedAt: refusal ? null : now,
      errorMessage: refusal?.reason ?? op.errorMessage ?? null,
    };
    const claimed = existing
      ? await completeOperation(tx, operationId, record)
      : await insertOperation(tx, {
          id: operationId,
          subscriptionId,
          action,
          source: "Azure",
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
    if (refusal || !step.ok) {
      const reason = refusal?.reason ?? "refused";
      await insertAuditEvent(tx, { ...audit, action: refusal?.audit ?? "operation.failed", metadata: { ...audit.metadata, reason } });
      return { kind: "ignored", reason };
    }

    await upsertSubscription(tx, subscriptionValues(input.remote, { status: step.next, now }));
    const after = await updateSubscription(tx, subscriptionId, {
      provisioningState: provisioningAfter(action, local?.provisioningState ?? null),
      ...(action === "Subscribe" && !local?.activatedAt ? { activatedAt: now } : {}),
    });
    if (!after) throw new Error(`subscription ${subscriptionId} vanished while applying ${action}`);
    const changes = diffSubscription(local, after);
    await insertAuditEvent(tx, { ...audit, action: auditActionFor[action], changes });
    return { kind: "applied", changes };
  });
}
