import "server-only";
import { logConsole } from "@/lib/log";
import type { Db } from "@/db/client";
import { deliverDue, type DeliverOptions, type DeliverSummary } from "./deliver";
import { enqueueBatch } from "./enqueue";
import { startLoop, type Loop } from "@/lib/jobs/loop";

export interface ProcessOutboundOptions extends DeliverOptions {
  batchSize?: number;
  gapGraceMs?: number;
  /** Enqueue batches per call, so one call stays bounded however far behind the cursor is. */
  maxBatches?: number;
  log?: Pick<Console, "warn" | "error">;
}

export interface OutboundSummary extends DeliverSummary {
  enqueued: number;
  /** Another instance held the cursor, so this call only delivered. */
  cursorBusy: boolean;
}

/** One round: audit events → deliveries (exactly once per endpoint), then due deliveries → HTTP. */
export async function processOutbound(db: Db, options: ProcessOutboundOptions = {}): Promise<OutboundSummary> {
  const now = options.now ?? (() => new Date());
  let enqueued = 0;
  let cursorBusy = false;
  for (let i = 0; i < (options.maxBatches ?? 10); i++) {
    const batch = await enqueueBatch(db, { now: now(), batchSize: options.batchSize, gapGraceMs: options.gapGraceMs });
    if (batch.kind === "busy") {
      cursorBusy = true;
      break;
    }
    enqueued += batch.enqueued;
    if (!batch.more) break;
  }
  const delivered = await deliverDue(db, options);
  return { ...delivered, enqueued, cursorBusy };
}

export interface OutboundWorkerOptions extends ProcessOutboundOptions {
  getDb: () => Promise<Db>;
  intervalMs?: number;
}

export type OutboundWorker = Pick<Loop, "kick" | "stop">;

/** Polls every `intervalMs`; a round that found a full batch runs again at once. Never inside a request. */
export function startOutboundWorker(options: OutboundWorkerOptions): OutboundWorker {
  const limit = options.limit ?? 20;
  const log = options.log ?? logConsole;
  return startLoop({
    name: "outbound-delivery",
    intervalMs: options.intervalMs ?? 5000,
    async tick({ isStopping }) {
      const db = await options.getDb();
      for (;;) {
        const summary = await processOutbound(db, { ...options, limit });
        if (summary.lost > 0) log.warn(`outbound: ${summary.lost} deliveries were finished by another worker after a lease expired`);
        if (isStopping() || summary.claimed < limit) break;
      }
    },
    onError: (err) => log.error("outbound: round failed", err),
  });
}
