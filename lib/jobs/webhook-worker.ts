import "server-only";
import { logConsole } from "@/lib/log";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { claimDueInboxItems, finishInboxItem } from "@/db/queries/webhook-inbox";
import type { WebhookInboxRow } from "@/db/schema";
import { processNotification, type OperationsClient, type ProcessOutcome } from "@/lib/subscriptions/process-notification";
import { createGiveWay } from "./give-way";
import { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";
import { startLoop } from "./loop";

export interface ProcessOptions {
  limit?: number;
  leaseMs?: number;
  retry?: Partial<RetryPolicy>;
  now?: () => Date;
  random?: () => number;
  log?: Pick<Console, "warn" | "error">;
  /** Awaited before each item: lets requests go first while the process is busy. */
  giveWay?: () => Promise<void>;
}

export interface ProcessSummary {
  claimed: number;
  processed: number;
  ignored: number;
  failed: number;
  retried: number;
  deadLettered: number;
}

async function finish(
  db: Db,
  item: WebhookInboxRow,
  outcome: ProcessOutcome | { kind: "error"; reason: string },
  opts: Required<Pick<ProcessOptions, "now" | "random">> & { retry: RetryPolicy },
) {
  const claim = { id: item.id, attempts: item.attempts };
  if (outcome.kind === "applied") return (await finishInboxItem(db, claim, { state: "processed" })) && "processed";
  if (outcome.kind === "ignored") return (await finishInboxItem(db, claim, { state: "ignored", stateReason: outcome.reason })) && "ignored";

  const terminal = outcome.kind === "failed" || item.attempts >= opts.retry.maxAttempts;
  if (!terminal) {
    const nextAttemptAt = new Date(opts.now().getTime() + backoffDelay(item.attempts, opts.retry, opts.random));
    return (await finishInboxItem(db, claim, { state: "received", lastError: outcome.reason, nextAttemptAt })) && "retried";
  }
  const state = outcome.kind === "failed" ? "failed" : "dead_letter";
  // The inbox row and its audit event change together, so staff always see why a row stopped.
  return db.transaction(async (tx) => {
    const done = await finishInboxItem(tx, claim, {
      state,
      stateReason: outcome.reason,
      lastError: outcome.kind === "failed" ? null : outcome.reason,
    });
    if (!done) return false;
    await insertAuditEvent(tx, {
      actorType: "system",
      action: state === "failed" ? "webhook.verification_failed" : "webhook.dead_lettered",
      targetType: "subscription",
      targetId: item.subscriptionId,
      metadata: { inboxId: item.id, operationId: item.operationId, action: item.action, attempts: item.attempts, reason: outcome.reason },
    });
    return state === "failed" ? "failed" : "deadLettered";
  });
}

// Claims use FOR UPDATE SKIP LOCKED, which PGlite and PostgreSQL both run, so one code path serves both
// (pg-boss is PostgreSQL-only). HTTP calls stay outside transactions: on PGlite one holds the only connection.
export async function processDueInboxItems(db: Db, client: OperationsClient, options: ProcessOptions = {}): Promise<ProcessSummary> {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const log = options.log ?? logConsole;
  const items = await claimDueInboxItems(db, { limit: options.limit ?? 20, leaseMs: options.leaseMs ?? 120_000, now: options.now?.() });
  const summary: ProcessSummary = { claimed: items.length, processed: 0, ignored: 0, failed: 0, retried: 0, deadLettered: 0 };

  for (const item of items) {
    await options.giveWay?.();
    let outcome: ProcessOutcome | { kind: "error"; reason: string };
    try {
      outcome = await processNotification(db, client, item);
    } catch (err) {
      // Network errors, 5xx and 429 from Microsoft, database hiccups: all retried with back-off.
      outcome = { kind: "error", reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
      log.warn(`webhook worker: ${item.action} ${item.operationId} attempt ${item.attempts} failed: ${outcome.reason}`);
    }
    const result = await finish(db, item, outcome, { now, random, retry });
    if (result) summary[result]++;
    else log.warn(`webhook worker: claim on ${item.id} was lost; another worker owns it now`);
  }
  return summary;
}

export interface WebhookWorkerOptions extends Omit<ProcessOptions, "now"> {
  getDb: () => Promise<Db>;
  getClient: () => OperationsClient | Promise<OperationsClient>;
  intervalMs?: number;
}

export interface WebhookWorker {
  kick(): void;
  stop(): Promise<void>;
}

// Workers running in this process, so the webhook route can wake them after an ingest.
const globalForWorkers = globalThis as unknown as { webhookWorkers?: Set<WebhookWorker> };
const running = (globalForWorkers.webhookWorkers ??= new Set());

export function kickWebhookWorker(): void {
  for (const worker of running) worker.kick();
}

export function startWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const limit = options.limit ?? 20;
  const giveWay = options.giveWay ?? createGiveWay();
  const loop = startLoop({
    name: "webhook-inbox",
    intervalMs: options.intervalMs ?? 5000,
    async tick({ isStopping }) {
      const db = await options.getDb();
      const client = await options.getClient();
      for (;;) {
        const summary = await processDueInboxItems(db, client, { ...options, limit, giveWay });
        if (isStopping() || summary.claimed < limit) break;
      }
    },
    onError: (err) => (options.log ?? logConsole).error("webhook worker: batch failed", err),
  });
  const worker: WebhookWorker = {
    kick: loop.kick,
    async stop() {
      running.delete(worker);
      await loop.stop();
    },
  };
  running.add(worker);
  return worker;
}
