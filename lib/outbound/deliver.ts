import "server-only";
import type { Db } from "@/db/client";
import { claimDelivery, claimDueDeliveries, finishDelivery, type ClaimedDelivery } from "@/db/queries/outbound";
import { metrics } from "@/lib/metrics/registry";
import { settleAttempt, type DeliveryOutcome, type RetryPolicy } from "@/lib/jobs/retry-policy";
import type { SecretBox } from "./secret-box";
import { sendEvent, type AttemptResult } from "./send";
import { defaultUrlPolicy, type ResolveAll, type UrlPolicy } from "./url-policy";

/** 8 attempts: 1, 2, 4 … 64 minutes apart (±20 %), about two hours in all; then staff can replay. */
export const OUTBOUND_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 60_000, maxDelayMs: 2 * 60 * 60 * 1000 };

export interface DeliverOptions {
  now?: () => Date;
  policy?: UrlPolicy;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
  timeoutMs?: number;
  resolve?: ResolveAll;
  /** Opens stored signing secrets; the process's own (DATA_ENCRYPTION_KEY) unless given. */
  secrets?: SecretBox;
  /** Deliveries claimed per batch, and sent at most this many at a time. */
  limit?: number;
  concurrency?: number;
}

export type AttemptOutcome = DeliveryOutcome;

interface Resolved {
  now: () => Date;
  policy: UrlPolicy;
  retry: RetryPolicy;
  random: () => number;
  timeoutMs: number;
  resolve?: ResolveAll;
  secrets?: SecretBox;
}

function resolveOptions(o: DeliverOptions): Resolved {
  return {
    now: o.now ?? (() => new Date()),
    policy: o.policy ?? defaultUrlPolicy(),
    retry: { ...OUTBOUND_RETRY_POLICY, ...o.retry },
    random: o.random ?? Math.random,
    timeoutMs: o.timeoutMs ?? 10_000,
    resolve: o.resolve,
    secrets: o.secrets,
  };
}

// The lease outlives the request timeout, so a slow receiver is never sent the event twice at once.
const leaseUntil = (r: Resolved) => new Date(r.now().getTime() + r.timeoutMs + 50_000);

async function attempt(
  db: Db,
  { delivery, endpoint }: ClaimedDelivery,
  r: Resolved,
): Promise<{ outcome: AttemptOutcome; result: AttemptResult }> {
  const result = await sendEvent(endpoint, delivery, {
    policy: r.policy,
    now: r.now(),
    timeoutMs: r.timeoutMs,
    resolve: r.resolve,
    secrets: r.secrets,
  });
  const claim = { id: delivery.id, attempts: delivery.attempts };
  const { ok, ...record } = result;
  const outcome = await settleAttempt({ ok, attempts: delivery.attempts }, { policy: r.retry, now: r.now(), random: r.random }, (next) =>
    finishDelivery(db, claim, record, next),
  );
  metrics().outboundDeliveries.inc({ result: outcome });
  return { outcome, result };
}

export interface DeliverSummary {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
  lost: number;
}

/** Claims due deliveries and sends them, a few at a time; HTTP happens outside any transaction. */
export async function deliverDue(db: Db, options: DeliverOptions = {}): Promise<DeliverSummary> {
  const r = resolveOptions(options);
  const claimed = await claimDueDeliveries(db, { limit: options.limit ?? 20, now: r.now(), leaseUntil: leaseUntil(r) });
  const summary: DeliverSummary = { claimed: claimed.length, delivered: 0, retried: 0, failed: 0, lost: 0 };
  const queue = [...claimed];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) summary[(await attempt(db, next, r)).outcome]++;
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, queue.length) }, worker));
  return summary;
}

/** Sends one pending delivery at once (a test event or a replay), so staff see the answer straight away. */
export async function deliverNow(
  db: Db,
  deliveryId: string,
  options: DeliverOptions = {},
): Promise<{ outcome: AttemptOutcome; result: AttemptResult } | null> {
  const r = resolveOptions(options);
  const claimed = await claimDelivery(db, deliveryId, leaseUntil(r));
  return claimed ? attempt(db, claimed, r) : null;
}
