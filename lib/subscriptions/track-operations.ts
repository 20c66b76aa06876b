import "server-only";
import { log } from "@/lib/log";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { completeOperation, readDatabaseClock } from "@/db/queries/operations";
import { listPendingPartnerOperations, updateOpenOperationStatus } from "@/db/queries/partner-operations";
import type { MarketplaceOperation as OperationRow } from "@/db/schema";
import { startLoop, type Loop } from "@/lib/jobs/loop";
import { isMarketplaceApiError, type MarketplaceClient, type MarketplaceOperation, type MarketplaceSubscription } from "@/lib/marketplace";
import { applyOperation } from "./apply-operation";

export type TrackerClient = Pick<MarketplaceClient, "getOperation" | "getSubscription">;

/** Per-operation polling state, kept between rounds by the background tracker. */
export type PollSchedule = Map<string, { attempts: number; dueAt: number }>;

export type TrackOutcome = "applied" | "completed" | "failed" | "pending" | "error" | "skipped";

export interface TrackOptions {
  schedule?: PollSchedule;
  now?: () => number;
  /** Delay before the next poll of an operation polled `attempts` times. */
  delayFor?: (attempts: number) => number;
  limit?: number;
}

/** 2 s, 3 s, 4.5 s … capped at a minute: quick for the usual seconds, gentle for the occasional minutes. */
export function pollDelay(attempts: number, baseMs = 2_000, maxMs = 60_000): number {
  return Math.min(maxMs, Math.round(baseMs * 1.5 ** Math.max(0, attempts - 1)));
}

const TERMINAL = new Set(["Succeeded", "Failed", "Conflict"]);
// GET subscription may briefly lag an operation that just succeeded; a few re-reads before applying it as is.
const MAX_LAGGING_READS = 5;

/**
 * One round over the operations this portal started: GET operation for each one due, until it
 * is Succeeded, Failed or Conflict. Success is applied from a fresh GET subscription in one
 * transaction with its audit event (applyOperation); completion is first-wins, so a webhook for
 * the same operation, or a second app instance, cannot apply it twice.
 */
export async function trackPendingOperations(db: Db, client: TrackerClient, opts: TrackOptions = {}): Promise<Map<string, TrackOutcome>> {
  const now = opts.now ?? Date.now;
  const outcomes = new Map<string, TrackOutcome>();
  const pending = await listPendingPartnerOperations(db, opts.limit ?? 100);
  const live = new Set(pending.map((p) => p.id));
  for (const key of opts.schedule?.keys() ?? []) if (!live.has(key)) opts.schedule!.delete(key);

  for (const row of pending) {
    const slot = opts.schedule?.get(row.id) ?? { attempts: 0, dueAt: 0 };
    if (slot.dueAt > now()) {
      outcomes.set(row.id, "skipped");
      continue;
    }
    let outcome: TrackOutcome;
    try {
      outcome = await trackOne(db, client, row, slot.attempts);
    } catch (err) {
      log.warn(
        { operationId: row.id, subscriptionId: row.subscriptionId, err: isMarketplaceApiError(err) ? err.toJSON() : err },
        "operation poll failed",
      );
      outcome = "error";
    }
    outcomes.set(row.id, outcome);
    if (opts.schedule && (outcome === "pending" || outcome === "error")) {
      const attempts = slot.attempts + 1;
      opts.schedule.set(row.id, { attempts, dueAt: now() + (opts.delayFor ?? pollDelay)(attempts) });
    }
  }
  return outcomes;
}

async function trackOne(db: Db, client: TrackerClient, row: OperationRow, attempts: number): Promise<TrackOutcome> {
  let op: MarketplaceOperation;
  try {
    op = await client.getOperation(row.subscriptionId, row.id);
  } catch (err) {
    // Microsoft answers 404 (its emulator notes the real API may say 400) for an operation it does not know.
    if (isMarketplaceApiError(err) && (err.status === 404 || err.status === 400)) {
      return fail(db, row, { status: "Failed", errorMessage: `Microsoft does not know this operation (HTTP ${err.status}).` });
    }
    throw err;
  }
  if (!TERMINAL.has(op.status)) {
    await updateOpenOperationStatus(db, row.id, op.status === "NotStarted" ? "NotStarted" : "InProgress");
    return "pending";
  }
  if (op.status !== "Succeeded") return fail(db, row, op);

  const remoteReadAt = await readDatabaseClock(db);
  const remote = await client.getSubscription(row.subscriptionId);
  if (lagging(row, remote) && attempts < MAX_LAGGING_READS) return "pending";
  const result = await applyOperation(db, {
    subscriptionId: row.subscriptionId,
    action: row.action,
    operation: op,
    remote,
    remoteReadAt,
    notificationTimeStamp: null,
  });
  return result.kind === "applied" ? "applied" : "completed";
}

/** True while GET subscription does not show the change yet. */
function lagging(row: OperationRow, remote: MarketplaceSubscription): boolean {
  if (row.action === "ChangePlan") return row.requestedPlanId !== null && remote.planId !== row.requestedPlanId;
  if (row.action === "ChangeQuantity") return row.requestedQuantity !== null && remote.quantity !== row.requestedQuantity;
  if (row.action === "Unsubscribe") return remote.status !== "Unsubscribed";
  return false;
}

/** Failed or Conflict: nothing changes on the subscription; the attempt and its reason are recorded. */
async function fail(
  db: Db,
  row: OperationRow,
  op: Pick<MarketplaceOperation, "status" | "errorMessage"> & { timeStamp?: string },
): Promise<TrackOutcome> {
  const errorMessage =
    op.errorMessage ?? (op.status === "Conflict" ? "Conflict: the requested value equals the current one." : `Operation ${op.status}.`);
  return db.transaction(async (tx) => {
    const done = await completeOperation(tx, row.id, {
      status: op.status as OperationRow["status"],
      errorMessage,
      marketplaceTimestamp: op.timeStamp ? new Date(op.timeStamp) : null,
      appliedAt: null,
      completedAt: new Date(),
    });
    if (!done) return "completed";
    await insertAuditEvent(tx, {
      actorType: "marketplace",
      actorId: "Partner",
      action: "operation.failed",
      targetType: "subscription",
      targetId: row.subscriptionId,
      metadata: { operationId: row.id, action: row.action, status: op.status, error: errorMessage, requestedBy: row.requestedBy },
    });
    return "failed";
  });
}

export type OperationTracker = Pick<Loop, "kick" | "stop">;

/**
 * Polls in the background, every `intervalMs`, with a per-operation back-off. Requests never
 * wait for it: the change actions return as soon as Microsoft has accepted the request.
 */
export function startOperationTracker(opts: {
  getDb: () => Promise<Db>;
  getClient: () => TrackerClient;
  intervalMs?: number;
}): OperationTracker {
  const intervalMs = opts.intervalMs ?? 2_000;
  const schedule: PollSchedule = new Map();
  return startLoop({
    name: "operation-tracker",
    intervalMs,
    async tick() {
      await trackPendingOperations(await opts.getDb(), opts.getClient(), { schedule, delayFor: (n) => pollDelay(n, intervalMs) });
    },
    onError: (err) => log.error({ err }, "operation tracker round failed"),
  });
}
