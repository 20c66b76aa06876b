import "server-only";
import type { Db } from "@/db/client";
import {
  claimCursor,
  insertDeliveries,
  listAuditEventsAfter,
  listEndpoints,
  listSubscriptionSnapshots,
  maxAuditEventId,
  saveCursor,
} from "@/db/queries/outbound";
import type { AuditEvent, NewOutboundDelivery, OutboxGap } from "@/db/schema";
import { isGuid } from "@/lib/marketplace/schema-primitives";
import { eventBody, eventTypeFor, type SubscriptionSnapshot } from "./event-types";
import { trackGaps } from "./gaps";

export const CURSOR_NAME = "audit_events";

export interface EnqueueOptions {
  now: Date;
  batchSize?: number;
  /** How long a missing audit id is awaited before it is taken for a rolled-back insert. */
  gapGraceMs?: number;
}

export type EnqueueBatch = { kind: "busy" } | { kind: "done"; read: number; enqueued: number; more: boolean };

/**
 * Turns the next audit events into deliveries, in the transaction that holds the cursor row. Ids
 * are assigned at insert but become visible at commit, so an id below the cursor can still appear:
 * such gaps are read again until they fill or `gapGraceMs` passes (see gaps.ts).
 */
export async function enqueueBatch(db: Db, opts: EnqueueOptions): Promise<EnqueueBatch> {
  const batchSize = opts.batchSize ?? 200;
  return db.transaction(async (tx): Promise<EnqueueBatch> => {
    const cursor = await claimCursor(tx, CURSOR_NAME);
    if (!cursor) return { kind: "busy" };
    const endpoints = await listEndpoints(tx, { enabledOnly: true });
    if (endpoints.length === 0) {
      // Nobody listens: skip ahead. An endpoint added later starts after the newest event anyway.
      await saveCursor(tx, CURSOR_NAME, Math.max(cursor.lastAuditId, await maxAuditEventId(tx)), []);
      return { kind: "done", read: 0, enqueued: 0, more: false };
    }
    const gaps = cursor.gaps.filter((g: OutboxGap) => Date.parse(g.seenAt) + (opts.gapGraceMs ?? 120_000) > opts.now.getTime());
    const events = await listAuditEventsAfter(tx, cursor.lastAuditId, gaps, batchSize);
    const next = trackGaps(
      cursor.lastAuditId,
      gaps,
      events.map((e) => e.id),
      opts.now,
    );

    const typed = events.flatMap((e) => {
      const type = eventTypeFor(e);
      return type ? [{ event: e, type }] : [];
    });
    const subscriptionIds = [...new Set(typed.filter((t) => t.event.targetType === "subscription").map((t) => t.event.targetId))];
    const snapshots = new Map<string, SubscriptionSnapshot>(
      (await listSubscriptionSnapshots(tx, subscriptionIds.filter(isGuid))).map((s) => [s.id, s]),
    );
    const rows: NewOutboundDelivery[] = [];
    for (const { event, type } of typed) {
      const body = eventBody(event, type, snapshotFor(event, snapshots));
      for (const endpoint of endpoints) {
        if (event.id <= endpoint.startsAfterAuditId || !endpoint.eventTypes.includes(type)) continue;
        rows.push({ endpointId: endpoint.id, auditEventId: event.id, eventType: type, body, nextAttemptAt: opts.now });
      }
    }
    const enqueued = await insertDeliveries(tx, rows);
    await saveCursor(tx, CURSOR_NAME, next.lastAuditId, next.gaps);
    return { kind: "done", read: events.length, enqueued, more: events.length === batchSize };
  });
}

function snapshotFor(event: AuditEvent, snapshots: Map<string, SubscriptionSnapshot>): SubscriptionSnapshot | null {
  return event.targetType === "subscription" ? (snapshots.get(event.targetId.toLowerCase()) ?? null) : null;
}
