import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { insertInboxItem, updateInboxItem } from "@/db/queries/webhook-inbox";
import { isLifecycleAction } from "@/lib/subscriptions/lifecycle";
import { decideChange, needsDecision } from "./decide";
import type { WebhookNotification } from "./payload";

export type IngestOutcome =
  | { status: 200; outcome: "queued" | "duplicate" | "ignored"; inboxId: string }
  | { status: 400; outcome: "rejected"; reason: string; inboxId: string };

// Insert, decision and audit share one transaction: Microsoft gets an answer on record or a 5xx and retries.
// A repeated delivery gets the answer recorded the first time.
export async function ingestNotification(
  db: Db,
  n: WebhookNotification,
  meta: { headers?: Record<string, string> } = {},
): Promise<IngestOutcome> {
  const known = isLifecycleAction(n.action);
  const decide = known && needsDecision(n);
  const values = {
    operationId: n.operationId,
    subscriptionId: n.subscriptionId,
    action: n.action,
    payload: n.raw,
    headers: meta.headers ?? {},
    // Unknown actions (e.g. Transfer) are kept for the record and acknowledged (https://learn.microsoft.com/en-us/partner-center/marketplace-offers/pc-saas-fulfillment-webhook).
    ...(known ? {} : { state: "ignored" as const, stateReason: `unknown action ${n.action}`, processedAt: new Date() }),
    decision: known && !decide ? ("accepted" as const) : null,
  };
  const repeated = (row: { id: string; decision: string | null; stateReason: string | null }): IngestOutcome =>
    row.decision === "rejected"
      ? { status: 400, outcome: "rejected", reason: row.stateReason ?? "rejected", inboxId: row.id }
      : { status: 200, outcome: "duplicate", inboxId: row.id };

  // Nothing to decide: the single INSERT is atomic on its own, and a transaction would only add round trips.
  if (!decide) {
    const { row, inserted } = await insertInboxItem(db, values);
    if (!inserted) return repeated(row);
    return { status: 200, outcome: known ? "queued" : "ignored", inboxId: row.id };
  }

  return db.transaction(async (tx): Promise<IngestOutcome> => {
    const { row, inserted } = await insertInboxItem(tx, values);
    if (!inserted) return repeated(row);

    const decision = await decideChange(tx, n);
    if (decision.accept) {
      await updateInboxItem(tx, row.id, { decision: "accepted", stateReason: decision.reason });
      return { status: 200, outcome: "queued", inboxId: row.id };
    }
    await updateInboxItem(tx, row.id, { state: "ignored", decision: "rejected", stateReason: decision.reason, processedAt: new Date() });
    await insertAuditEvent(tx, {
      actorType: "marketplace",
      actorId: n.source,
      action: "operation.rejected",
      targetType: "subscription",
      targetId: n.subscriptionId,
      changes:
        n.action === "ChangePlan"
          ? { planId: { from: n.currentPlanId, to: n.planId } }
          : { quantity: { from: n.currentQuantity, to: n.quantity } },
      metadata: { operationId: n.operationId, action: n.action, reason: decision.reason, policy: decision.policy },
      requestId: meta.headers?.["x-ms-requestid"],
      correlationId: meta.headers?.["x-ms-correlationid"],
    });
    return { status: 400, outcome: "rejected", reason: decision.reason, inboxId: row.id };
  });
}
