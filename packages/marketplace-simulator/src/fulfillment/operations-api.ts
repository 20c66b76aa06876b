import { z } from "zod";
import { fail, isGuid, readJson, respond, type SimContext } from "../http";
import { completeOperation, getOperation, listPendingOperations } from "../operations";
import { isPending, operationJson } from "../serialize";
import { getSubscription, lockSubscription, recordApiCall } from "../store";
import { notifyOperation } from "../webhooks";

/** Pending operations only; an unknown subscription gets an empty list, as from the real service (not the emulator's 404). */
export async function listOperations(ctx: SimContext, subscriptionId: string): Promise<Response> {
  const sub = await getSubscription(ctx.db, subscriptionId);
  if (!sub) return respond(ctx, 200, { operations: [] });
  await recordApiCall(ctx.db, sub.id, "listOperations", ctx.now);
  const ops = await listPendingOperations(ctx.db, sub.id);
  return respond(ctx, 200, { operations: ops.map((op) => operationJson(op, sub, ctx.now)) });
}

export async function getOperationById(ctx: SimContext, subscriptionId: string, operationId: string): Promise<Response> {
  const sub = await getSubscription(ctx.db, subscriptionId);
  if (!sub) throw fail.notFound(`Subscription ${subscriptionId} was not found.`);
  await recordApiCall(ctx.db, sub.id, "getOperation", ctx.now);
  const op = isGuid(operationId) ? await getOperation(ctx.db, sub.id, operationId) : undefined;
  if (!op) throw fail.notFound(`Operation ${operationId} was not found.`, "operationId");
  return respond(ctx, 200, operationJson(op, sub, ctx.now));
}

const updateBody = z.looseObject({
  status: z.enum(["Success", "Failure"]),
  planId: z.string().optional(),
  quantity: z.number().int().optional(),
});

/** Accept or reject a customer's change: 409 once settled or superseded; 500 for Partner operations, as the real API. */
export async function updateOperation(ctx: SimContext, subscriptionId: string, operationId: string): Promise<Response> {
  const existing = await getSubscription(ctx.db, subscriptionId);
  if (existing) await recordApiCall(ctx.db, existing.id, "patchOperation", ctx.now);
  const parsed = updateBody.safeParse(await readJson(ctx.request));
  if (!parsed.success) throw fail.badRequest('The body must be {"status": "Success"} or {"status": "Failure"}.', "status");

  const result = await ctx.db.transaction(async (tx) => {
    const sub = await lockSubscription(tx, subscriptionId);
    if (!sub) throw fail.notFound(`Subscription ${subscriptionId} was not found.`);
    const op = isGuid(operationId) ? await getOperation(tx, sub.id, operationId) : undefined;
    if (!op) throw fail.notFound(`Operation ${operationId} was not found.`, "operationId");
    if (op.source === "Partner") throw fail.internal("Operations started by the publisher cannot be updated.");
    if (!isPending(op)) throw fail.conflict(`The operation is already ${op.status}.`, "operationId");
    const forced = parsed.data.status === "Failure" ? { status: "Failed" as const, errorMessage: "Rejected by the publisher." } : undefined;
    // Kept even when it ends in Conflict: the operation is settled either way.
    return completeOperation(tx, op, sub, ctx.now, forced);
  });
  if (result.webhook) await notifyOperation(ctx.db, result.webhook);
  if (parsed.data.status === "Success" && result.op.status !== "Succeeded") {
    throw fail.conflict(result.op.errorMessage ?? `The operation ended ${result.op.status}.`, "operationId");
  }
  return respond(ctx, 200);
}
