import { z } from "zod";
import type { Db, DbOrTx } from "../db";
import { refuseChange, type ChangeRequest } from "../changes";
import { getRuntimeConfig } from "../config";
import { completeOperation, createOperation, getOperation } from "../operations";
import type { SimOperation, SimSubscription } from "../schema";
import { isPending, operationJson } from "../serialize";
import { createPurchaseToken, lockSubscription, updateSubscription } from "../store";
import { nextTerm } from "../terms";
import type { OperationJson } from "../types";
import { buildWebhookPayload, notifyOperation } from "../webhooks";
import { controlError, fieldErrorsOf } from "./errors";
import { landingUrlFor } from "./purchases";

export const CUSTOMER_ACTIONS = [
  "change-plan",
  "change-quantity",
  "suspend",
  "reinstate",
  "renew",
  "unsubscribe",
  "manage-account",
] as const;
export type CustomerAction = (typeof CUSTOMER_ACTIONS)[number];

const bodies = {
  "change-plan": z.strictObject({ planId: z.string().min(1) }),
  "change-quantity": z.strictObject({ quantity: z.int().min(1) }),
} as const;

export type CustomerActionResult = { operation: OperationJson; webhookStatus: number | null } | { token: string; landingUrl: string };

type Step = { op: SimOperation; before: SimSubscription; webhook: "InProgress" | "Succeeded" };

function requireStatus(sub: SimSubscription, allowed: SimSubscription["status"][], action: string) {
  if (!allowed.includes(sub.status)) throw controlError(409, `Cannot ${action} a subscription that is ${sub.status}.`);
}

/** Customer changes wait for the publisher: InProgress until accepted, rejected or timed out. */
async function startChange(db: DbOrTx, sub: SimSubscription, change: ChangeRequest, now: Date): Promise<Step> {
  const refusal = await refuseChange(db, sub, change, { checkAllowedOperations: false });
  if (refusal) throw controlError(400, refusal, { ["planId" in change ? "planId" : "quantity"]: [refusal] });
  const { rejectWindowMs } = await getRuntimeConfig(db);
  const op = await createOperation(db, {
    sub,
    action: "planId" in change ? "ChangePlan" : "ChangeQuantity",
    source: "Azure",
    planId: "planId" in change ? change.planId : sub.planId,
    quantity: "quantity" in change ? change.quantity : sub.quantity,
    status: "InProgress",
    now,
    completesAt: new Date(now.getTime() + rejectWindowMs),
  });
  return { op, before: sub, webhook: "InProgress" };
}

async function applyAction(
  tx: DbOrTx,
  sub: SimSubscription,
  action: Exclude<CustomerAction, "manage-account">,
  body: unknown,
  now: Date,
): Promise<Step> {
  const immediate = async (a: SimOperation["action"], changes: Partial<SimSubscription>): Promise<Step> => {
    const after = await updateSubscription(tx, sub.id, changes, now);
    const op = await createOperation(tx, { sub: after, action: a, source: "Azure", status: "Succeeded", now });
    return { op, before: sub, webhook: "Succeeded" };
  };
  switch (action) {
    case "change-plan":
    case "change-quantity": {
      const parsed = bodies[action].safeParse(body ?? {});
      if (!parsed.success) throw controlError(400, "The change is invalid.", fieldErrorsOf(parsed.error.issues));
      return startChange(tx, sub, parsed.data, now);
    }
    case "suspend":
      // Payment failed: Microsoft changes the state first, then notifies.
      requireStatus(sub, ["Subscribed"], "suspend");
      return immediate("Suspend", { status: "Suspended" });
    case "reinstate": {
      requireStatus(sub, ["Suspended"], "reinstate");
      const { rejectWindowMs } = await getRuntimeConfig(tx);
      const op = await createOperation(tx, {
        sub,
        action: "Reinstate",
        source: "Azure",
        status: "InProgress",
        now,
        completesAt: new Date(now.getTime() + rejectWindowMs),
      });
      return { op, before: sub, webhook: "InProgress" };
    }
    case "renew": {
      requireStatus(sub, ["Subscribed"], "renew");
      if (!sub.termEndDate) throw controlError(409, "The subscription has no term yet.");
      const term = nextTerm(sub.termEndDate, sub.termUnit);
      // A free trial converts to paid at its first renewal.
      return immediate("Renew", { termStartDate: term.startDate, termEndDate: term.endDate, isFreeTrial: false });
    }
    case "unsubscribe":
      requireStatus(sub, ["PendingFulfillmentStart", "Subscribed", "Suspended"], "unsubscribe");
      return immediate("Unsubscribe", { status: "Unsubscribed", unsubscribedAt: now });
  }
}

/** A 4xx answer to a ChangePlan or ChangeQuantity webhook rejects the change, as in Microsoft's reject window. */
export async function performCustomerAction(
  db: Db,
  subscriptionId: string,
  action: CustomerAction,
  body: unknown,
  now: Date,
  /** Checked on the locked row, for callers racing other instances (the renewal pass). */
  stillWanted: (sub: SimSubscription) => boolean = () => true,
): Promise<CustomerActionResult> {
  if (action === "manage-account") {
    const { purchaseTokenLifetimeSeconds } = await getRuntimeConfig(db);
    const token = await db.transaction(async (tx) => {
      if (!(await lockSubscription(tx, subscriptionId))) throw controlError(404, `Subscription ${subscriptionId} was not found.`);
      return createPurchaseToken(tx, subscriptionId, now, purchaseTokenLifetimeSeconds);
    });
    return { token, landingUrl: landingUrlFor(token) };
  }
  const step = await db.transaction(async (tx) => {
    const sub = await lockSubscription(tx, subscriptionId);
    if (!sub) throw controlError(404, `Subscription ${subscriptionId} was not found.`);
    if (!stillWanted(sub)) throw controlError(409, `Subscription ${subscriptionId} changed meanwhile; nothing to ${action}.`);
    return applyAction(tx, sub, action, body, now);
  });
  const webhookStatus = await notifyOperation(db, buildWebhookPayload(step.op, step.before, step.webhook));
  let op = step.op;
  const rejectable = op.action === "ChangePlan" || op.action === "ChangeQuantity";
  if (rejectable && webhookStatus !== null && webhookStatus >= 400 && webhookStatus < 500) {
    op = await db.transaction(async (tx) => {
      const sub = await lockSubscription(tx, subscriptionId);
      const current = await getOperation(tx, subscriptionId, op.id);
      if (!sub || !current || !isPending(current)) return current ?? op;
      const done = await completeOperation(tx, current, sub, now, {
        status: "Failed",
        errorMessage: `Rejected by the publisher's webhook (HTTP ${webhookStatus}).`,
      });
      return done.op;
    });
  } else {
    op = (await getOperation(db, subscriptionId, op.id)) ?? op;
  }
  return { operation: operationJson(op, step.before, now), webhookStatus };
}
