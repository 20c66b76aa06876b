import { eq } from "drizzle-orm";
import type { DbOrTx } from "./db";
import { sendWebhook } from "./notify";
import { simOperations, type SimOperation, type SimSubscription } from "./schema";
import { subscriptionJson } from "./serialize";
import type { OperationRequestSource, WebhookPayload } from "./types";

/** Microsoft's webhook body; `subscription` is the state before the change. */
export function buildWebhookPayload(
  op: SimOperation,
  before: SimSubscription,
  status: WebhookPayload["status"],
  source: OperationRequestSource = op.source,
): WebhookPayload {
  return {
    id: op.id,
    activityId: op.activityId,
    publisherId: before.publisherId,
    offerId: before.offerId,
    planId: op.planId,
    quantity: op.quantity,
    subscriptionId: op.subscriptionId,
    timeStamp: op.createdAt.toISOString(),
    action: op.action,
    status,
    operationRequestSource: source,
    subscription: subscriptionJson(before),
    purchaseToken: null,
  };
}

/**
 * Posts a webhook and reports the first attempt's HTTP status (null: no answer). A failure to
 * deliver never fails the simulated change itself, as with Microsoft.
 */
export async function deliverWebhook(db: DbOrTx, payload: WebhookPayload): Promise<number | null> {
  try {
    const { firstAttemptStatus } = await sendWebhook(db, payload);
    return firstAttemptStatus;
  } catch (err) {
    console.warn(`[simulator] webhook ${payload.action} for ${payload.subscriptionId} could not be sent`, err);
    return null;
  }
}

/** Sends an operation's webhook and keeps the first attempt's status with the operation. */
export async function notifyOperation(db: DbOrTx, payload: WebhookPayload): Promise<number | null> {
  const status = await deliverWebhook(db, payload);
  await db.update(simOperations).set({ webhookStatus: status }).where(eq(simOperations.id, payload.id));
  return status;
}
