import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, inArray, lte } from "drizzle-orm";
import type { Db, DbOrTx } from "./db";
import { getPlan } from "./catalogue";
import { completeOutcome, type Outcome } from "./lifecycle";
import { simOperations, type SimOperation, type SimSubscription } from "./schema";
import { PENDING_STATUSES } from "./serialize";
import { lockSubscription, updateSubscription } from "./store";
import type { OperationAction, OperationRequestSource, WebhookPayload } from "./types";
import { buildWebhookPayload, notifyOperation } from "./webhooks";

export async function createOperation(
  tx: DbOrTx,
  args: {
    sub: SimSubscription;
    action: OperationAction;
    source: OperationRequestSource;
    planId?: string;
    quantity?: number | null;
    status: SimOperation["status"];
    now: Date;
    startsAt?: Date;
    completesAt?: Date;
  },
): Promise<SimOperation> {
  const settled = args.status !== "NotStarted" && args.status !== "InProgress";
  const [op] = await tx
    .insert(simOperations)
    .values({
      id: randomUUID(),
      activityId: randomUUID(),
      subscriptionId: args.sub.id,
      action: args.action,
      source: args.source,
      planId: args.planId ?? args.sub.planId,
      quantity: args.quantity === undefined ? args.sub.quantity : args.quantity,
      status: args.status,
      createdAt: args.now,
      startsAt: args.startsAt ?? args.now,
      completesAt: args.completesAt ?? args.now,
      settledAt: settled ? args.now : null,
    })
    .returning();
  return op!;
}

export async function getOperation(db: DbOrTx, subscriptionId: string, operationId: string): Promise<SimOperation | undefined> {
  const [op] = await db
    .select()
    .from(simOperations)
    .where(and(eq(simOperations.subscriptionId, subscriptionId), eq(simOperations.id, operationId)));
  return op;
}

export async function listPendingOperations(db: DbOrTx, subscriptionId: string): Promise<SimOperation[]> {
  return db
    .select()
    .from(simOperations)
    .where(and(eq(simOperations.subscriptionId, subscriptionId), inArray(simOperations.status, [...PENDING_STATUSES])))
    .orderBy(asc(simOperations.createdAt));
}

export async function listOperationsOf(db: DbOrTx, subscriptionIds: string[]): Promise<SimOperation[]> {
  if (subscriptionIds.length === 0) return [];
  return db
    .select()
    .from(simOperations)
    .where(inArray(simOperations.subscriptionId, subscriptionIds))
    .orderBy(asc(simOperations.createdAt));
}

async function newerChangeSucceeded(tx: DbOrTx, op: SimOperation): Promise<boolean> {
  const rows = await tx
    .select({ id: simOperations.id })
    .from(simOperations)
    .where(
      and(
        eq(simOperations.subscriptionId, op.subscriptionId),
        eq(simOperations.action, op.action),
        eq(simOperations.status, "Succeeded"),
        gt(simOperations.createdAt, op.createdAt),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Runs under the subscription's row lock; a Partner change that succeeded also yields its confirming webhook. */
export async function completeOperation(
  tx: DbOrTx,
  op: SimOperation,
  sub: SimSubscription,
  now: Date,
  forced?: Outcome,
): Promise<{ sub: SimSubscription; op: SimOperation; webhook?: WebhookPayload }> {
  const outcome =
    forced ??
    completeOutcome({
      op,
      sub,
      targetPlan: op.action === "ChangePlan" ? await getPlan(tx, sub.offerId, op.planId) : undefined,
      newerChangeSucceeded: await newerChangeSucceeded(tx, op),
      now,
    });
  const after = outcome.status === "Succeeded" && outcome.changes ? await updateSubscription(tx, sub.id, outcome.changes, now) : sub;
  const [updated] = await tx
    .update(simOperations)
    .set({
      status: outcome.status,
      settledAt: now,
      errorMessage: outcome.errorMessage ?? null,
      errorStatusCode: outcome.status === "Succeeded" ? null : outcome.status,
    })
    .where(eq(simOperations.id, op.id))
    .returning();
  const webhook = op.source === "Partner" && outcome.status === "Succeeded" ? buildWebhookPayload(updated!, sub, "Succeeded") : undefined;
  return { sub: after, op: updated!, webhook };
}

export async function settleSubscription(db: Db, subscriptionId: string, now: Date): Promise<void> {
  const webhooks = await db.transaction(async (tx) => {
    let sub = await lockSubscription(tx, subscriptionId);
    if (!sub) return [];
    const due = await tx
      .select()
      .from(simOperations)
      .where(
        and(
          eq(simOperations.subscriptionId, subscriptionId),
          inArray(simOperations.status, [...PENDING_STATUSES]),
          lte(simOperations.completesAt, now),
        ),
      )
      .orderBy(asc(simOperations.createdAt));
    const out: WebhookPayload[] = [];
    for (const op of due) {
      const done = await completeOperation(tx, op, sub, now);
      sub = done.sub;
      if (done.webhook) out.push(done.webhook);
    }
    return out;
  });
  for (const payload of webhooks) await notifyOperation(db, payload);
}

/** Progress comes from timestamps, not timers, so instances agree; the first to settle sends the webhook. */
export async function settleDueOperations(db: Db, now: Date): Promise<void> {
  const due = await db
    .selectDistinct({ subscriptionId: simOperations.subscriptionId })
    .from(simOperations)
    .where(and(inArray(simOperations.status, [...PENDING_STATUSES]), lte(simOperations.completesAt, now)));
  for (const { subscriptionId } of due) await settleSubscription(db, subscriptionId, now);
}
