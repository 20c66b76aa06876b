import "server-only";
import { count, inArray, min } from "drizzle-orm";
import type { DbOrTx } from "../client";
import {
  inboxState,
  marketplaceOperations,
  outboundDeliveries,
  outboundDeliveryStatus,
  syncDrift,
  syncRunStatus,
  syncRuns,
  usageHourStatus,
  usageHours,
  webhookInbox,
} from "../schema";

type Counts<K extends string> = Record<K, number>;

export interface MetricsSnapshot {
  inbox: Counts<(typeof inboxState.enumValues)[number]>;
  /** Age of the oldest inbox row still to be worked on (received or processing); 0 when none. */
  oldestPendingInboxSeconds: number;
  pendingOperations: number;
  syncRuns: Counts<(typeof syncRunStatus.enumValues)[number]>;
  openDrift: number;
  outbound: Counts<(typeof outboundDeliveryStatus.enumValues)[number]>;
  usageHours: Counts<(typeof usageHourStatus.enumValues)[number]>;
}

function counts<K extends string>(keys: readonly K[], rows: { key: K; n: number }[]): Counts<K> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Counts<K>;
  for (const row of rows) out[row.key] = Number(row.n);
  return out;
}

/**
 * What /api/metrics reports from the database, read at scrape time: one COUNT … GROUP BY per table
 * (each on an indexed status column), run concurrently.
 */
export async function readMetricsSnapshot(db: DbOrTx, now = new Date()): Promise<MetricsSnapshot> {
  const pendingInbox = inArray(webhookInbox.state, ["received", "processing"]);
  const [inbox, oldest, operations, runs, drift, outbound, hours] = await Promise.all([
    db.select({ key: webhookInbox.state, n: count() }).from(webhookInbox).groupBy(webhookInbox.state),
    db
      .select({ at: min(webhookInbox.receivedAt) })
      .from(webhookInbox)
      .where(pendingInbox),
    db
      .select({ n: count() })
      .from(marketplaceOperations)
      .where(inArray(marketplaceOperations.status, ["NotStarted", "InProgress"])),
    db.select({ key: syncRuns.status, n: count() }).from(syncRuns).groupBy(syncRuns.status),
    db.select({ n: count() }).from(syncDrift),
    db.select({ key: outboundDeliveries.status, n: count() }).from(outboundDeliveries).groupBy(outboundDeliveries.status),
    db.select({ key: usageHours.status, n: count() }).from(usageHours).groupBy(usageHours.status),
  ]);
  const oldestAt = oldest[0]?.at ? new Date(oldest[0].at) : null;
  return {
    inbox: counts(inboxState.enumValues, inbox),
    oldestPendingInboxSeconds: oldestAt ? Math.max(0, (now.getTime() - oldestAt.getTime()) / 1000) : 0,
    pendingOperations: Number(operations[0]?.n ?? 0),
    syncRuns: counts(syncRunStatus.enumValues, runs),
    openDrift: Number(drift[0]?.n ?? 0),
    outbound: counts(outboundDeliveryStatus.enumValues, outbound),
    usageHours: counts(usageHourStatus.enumValues, hours),
  };
}
