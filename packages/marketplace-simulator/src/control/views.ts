import { asc, desc } from "drizzle-orm";
import type { DbOrTx } from "../db";
import { listOperationsOf } from "../operations";
import { simSubscriptions, type SimSubscription } from "../schema";
import { operationJson, subscriptionJson } from "../serialize";
import { getApiCallCounts, getSubscription } from "../store";
import type { OperationJson, SubscriptionJson } from "../types";

/** The publisher calls counted per subscription; every name is present, zero when never called. */
export const API_CALL_NAMES = [
  "resolve",
  "activate",
  "get",
  "listAvailablePlans",
  "patch",
  "delete",
  "listOperations",
  "getOperation",
  "patchOperation",
  "usageEvent",
  "batchUsageEvent",
] as const;
export type ApiCallCounts = Record<(typeof API_CALL_NAMES)[number], number>;

export type ControlSubscription = SubscriptionJson & {
  apiCalls: ApiCallCounts;
  operations: Array<OperationJson & { source: "Azure" | "Partner"; webhookStatus: number | null }>;
};

async function decorate(db: DbOrTx, rows: SimSubscription[], now: Date): Promise<ControlSubscription[]> {
  const ids = rows.map((r) => r.id);
  const counts = await getApiCallCounts(db, ids);
  const ops = await listOperationsOf(db, ids);
  return rows.map((row) => {
    const recorded = counts.get(row.id) ?? {};
    const apiCalls = Object.fromEntries(API_CALL_NAMES.map((n) => [n, recorded[n] ?? 0])) as ApiCallCounts;
    const operations = ops
      .filter((op) => op.subscriptionId === row.id)
      .reverse()
      .map((op) => ({ ...operationJson(op, row, now), source: op.source, webhookStatus: op.webhookStatus }));
    return { ...subscriptionJson(row), apiCalls, operations };
  });
}

/** Newest purchase first, for the control API and the storefront's subscriptions page. */
export async function listControlSubscriptions(db: DbOrTx, now: Date, opts: { limit?: number } = {}): Promise<ControlSubscription[]> {
  const rows = await db
    .select()
    .from(simSubscriptions)
    .orderBy(desc(simSubscriptions.seq), asc(simSubscriptions.id))
    .limit(Math.min(Math.max(opts.limit ?? 200, 1), 1000));
  return decorate(db, rows, now);
}

export async function getControlSubscription(db: DbOrTx, id: string, now: Date): Promise<ControlSubscription | undefined> {
  const row = await getSubscription(db, id);
  return row ? (await decorate(db, [row], now))[0] : undefined;
}
