import "server-only";
import type { Db } from "@/db/client";
import { getOperationById, readDatabaseClock } from "@/db/queries/operations";
import type { WebhookInboxRow } from "@/db/schema";
import { isMarketplaceApiError, type MarketplaceClient, type MarketplaceOperation } from "@/lib/marketplace";
import { parseNotification } from "@/lib/webhook/payload";
import { applyOperation } from "./apply-operation";
import { isLifecycleAction } from "./lifecycle";

export type OperationsClient = Pick<MarketplaceClient, "getOperation" | "getSubscription" | "updateOperation">;

export type ProcessOutcome =
  { kind: "applied" } | { kind: "ignored"; reason: string } | { kind: "failed"; reason: string } | { kind: "retry"; reason: string };

// Microsoft answers 404 for an unknown operation; its emulator notes that the real API says 400.
const notFound = (err: unknown) => isMarketplaceApiError(err) && (err.status === 404 || err.status === 400);
const sameId = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();
const pending = (op: MarketplaceOperation) => op.status === "InProgress" || op.status === "NotStarted";
// Operations that wait for the publisher's ACK (https://learn.microsoft.com/en-us/partner-center/marketplace-offers/pc-saas-fulfillment-webhook).
const ACKNOWLEDGED = new Set(["ChangePlan", "ChangeQuantity", "Reinstate"]);

// Microsoft requires GET operation before acting: a valid token proves the caller, not the operation.
export async function processNotification(db: Db, client: OperationsClient, item: WebhookInboxRow): Promise<ProcessOutcome> {
  const parsed = parseNotification(item.payload);
  if (!parsed.ok) return { kind: "failed", reason: `stored payload is invalid: ${parsed.reason}` };
  const n = parsed.notification;
  const action = item.action;
  if (!isLifecycleAction(action)) return { kind: "ignored", reason: `unknown action ${action}` };

  const getOperation = () => client.getOperation(item.subscriptionId, item.operationId);
  let op: MarketplaceOperation;
  try {
    op = await getOperation();
  } catch (err) {
    if (notFound(err)) return { kind: "failed", reason: `GET operation: not found for subscription ${item.subscriptionId}` };
    throw err;
  }
  if (!sameId(op.id, item.operationId)) return { kind: "failed", reason: `GET operation returned another operation (${op.id})` };
  if (op.subscriptionId !== undefined && !sameId(op.subscriptionId, item.subscriptionId)) {
    return { kind: "failed", reason: `operation belongs to subscription ${op.subscriptionId}` };
  }
  if (op.action !== action) return { kind: "failed", reason: `operation is ${op.action}, notification said ${action}` };

  if (pending(op)) {
    const own = await getOperationById(db, item.operationId);
    // Accepting early saves the 10 s wait; Microsoft answers 500 to a PATCH of the portal's own operations.
    const ours = own?.source === "Partner" || n.source?.toLowerCase() === "partner";
    if (ACKNOWLEDGED.has(action) && !ours && item.decision === "accepted") {
      try {
        await client.updateOperation(item.subscriptionId, item.operationId, { status: "Success" });
      } catch (err) {
        if (!(isMarketplaceApiError(err) && err.status === 409)) throw err;
      }
      op = await getOperation();
    }
    if (pending(op)) return { kind: "retry", reason: `operation still ${op.status}` };
  }

  let remote;
  // Taken before the request: any reading started later reflects at least as much of Microsoft's state.
  const remoteReadAt = await readDatabaseClock(db);
  try {
    remote = await client.getSubscription(item.subscriptionId);
  } catch (err) {
    if (notFound(err)) return { kind: "failed", reason: `GET subscription: ${item.subscriptionId} not found` };
    throw err;
  }
  // A Succeeded operation whose result Microsoft no longer shows (a later Suspend after a Reinstate) cannot
  // become true by waiting: applyOperation takes Microsoft's current subscription instead of retrying.
  const result = await applyOperation(db, {
    subscriptionId: item.subscriptionId,
    action,
    operation: op,
    remote,
    remoteReadAt,
    notificationTimeStamp: n.timeStamp,
    // A change the portal started whose reply was lost arrives with no record of ours: it stays Partner.
    source: n.source?.toLowerCase() === "partner" ? "Partner" : "Azure",
    inboxId: item.id,
    requestId: item.headers["x-ms-requestid"],
    correlationId: item.headers["x-ms-correlationid"],
  });
  return result.kind === "applied" ? { kind: "applied" } : result;
}
