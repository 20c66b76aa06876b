import "server-only";
import type { Db } from "@/db/client";
import { startLoop, type Loop } from "@/lib/jobs/loop";
import { logConsole } from "@/lib/log";
import { deliverDueNotifications, type NotificationDeliverOptions, type NotificationDeliverSummary } from "./deliver";
import { rollUpDigests } from "./digest";
import { enqueueNotifications } from "./enqueue";

export interface ProcessNotificationsOptions extends NotificationDeliverOptions {
  batchSize?: number;
  maxBatches?: number;
  gapGraceMs?: number;
}

export interface NotificationsSummary extends NotificationDeliverSummary {
  enqueued: number;
  digests: number;
  cursorBusy: boolean;
}

/** One round: audit events → messages (once per rule and recipient), yesterday's digests, then due messages → channels. */
export async function processNotifications(db: Db, options: ProcessNotificationsOptions = {}): Promise<NotificationsSummary> {
  const now = options.now ?? (() => new Date());
  let enqueued = 0;
  let cursorBusy = false;
  for (let i = 0; i < (options.maxBatches ?? 10); i++) {
    const batch = await enqueueNotifications(db, { now: now(), batchSize: options.batchSize, gapGraceMs: options.gapGraceMs });
    if (batch.kind === "busy") {
      cursorBusy = true;
      break;
    }
    enqueued += batch.enqueued;
    if (!batch.more) break;
  }
  const digests = await rollUpDigests(db, now());
  const delivered = await deliverDueNotifications(db, options);
  return { ...delivered, enqueued, digests, cursorBusy };
}

export interface NotificationWorkerOptions extends ProcessNotificationsOptions {
  getDb: () => Promise<Db>;
  intervalMs?: number;
  log?: Pick<Console, "warn" | "error">;
}

/** Polls every `intervalMs` on the one loop primitive; never inside a request. */
export function startNotificationWorker(options: NotificationWorkerOptions): Pick<Loop, "kick" | "stop"> {
  const log = options.log ?? logConsole;
  return startLoop({
    name: "notifications",
    intervalMs: options.intervalMs ?? 5000,
    async tick({ isStopping }) {
      const db = await options.getDb();
      for (;;) {
        const summary = await processNotifications(db, options);
        if (isStopping() || summary.claimed < (options.limit ?? 50)) break;
      }
    },
    // The error's message only: a failed round's error never carries a channel's secret, and the stack is enough.
    onError: (err) => log.error("notifications: round failed", err),
  });
}
