import "server-only";
import type { Db, DbOrTx } from "@/db/client";
import { claimCursor, listAuditEventsAfter, maxAuditEventId, saveCursor } from "@/db/queries/outbound";
import type { AuditEvent, OutboxGap } from "@/db/schema";
import { eventTypeFor, type OutboundEventType } from "./event-types";
import { trackGaps } from "./gaps";

export interface OutboxReadOptions {
  now: Date;
  batchSize?: number;
  /** How long a missing audit id is awaited before it is taken for a rolled-back insert. */
  gapGraceMs?: number;
}

export type OutboxBatch = { kind: "busy" } | { kind: "done"; read: number; enqueued: number; more: boolean };

export interface TypedEvent {
  event: AuditEvent;
  type: OutboundEventType;
}

/** What a consumer of the audit outbox (outbound webhooks, notifications) does with each batch. */
export interface OutboxConsumer<C> {
  /** Its own row in the cursor table: each consumer reads the audit log at its own pace. */
  cursor: string;
  /** What the consumer delivers to (endpoints, rules…), or null when nobody listens. */
  load(tx: DbOrTx): Promise<C | null>;
  /** Turns the batch's typed events into deliveries in the same transaction; returns how many. */
  enqueue(tx: DbOrTx, events: TypedEvent[], consumers: C, now: Date): Promise<number>;
}

/**
 * Reads the next audit events for one consumer, in the transaction that holds its cursor row: the
 * change that caused an event never waits for a delivery, and a crash between reading and saving the
 * cursor enqueues nothing twice. Ids are assigned at insert but become visible at commit, so an id
 * below the cursor can still appear: such gaps are read again until they fill or `gapGraceMs`
 * passes (see gaps.ts).
 */
export async function readOutbox<C>(db: Db, consumer: OutboxConsumer<C>, opts: OutboxReadOptions): Promise<OutboxBatch> {
  const batchSize = opts.batchSize ?? 200;
  return db.transaction(async (tx): Promise<OutboxBatch> => {
    const cursor = await claimCursor(tx, consumer.cursor);
    if (!cursor) return { kind: "busy" };
    const consumers = await consumer.load(tx);
    if (consumers === null) {
      // Nobody listens: skip ahead. One added later starts after the newest event anyway.
      await saveCursor(tx, consumer.cursor, Math.max(cursor.lastAuditId, await maxAuditEventId(tx)), []);
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
    const typed = events.flatMap((event): TypedEvent[] => {
      const type = eventTypeFor(event);
      return type ? [{ event, type }] : [];
    });
    const enqueued = typed.length > 0 ? await consumer.enqueue(tx, typed, consumers, opts.now) : 0;
    await saveCursor(tx, consumer.cursor, next.lastAuditId, next.gaps);
    return { kind: "done", read: events.length, enqueued, more: events.length === batchSize };
  });
}

/** The subscription ids the events name, lower-cased, for loading what the deliveries describe. */
export function subscriptionIdsOf(events: TypedEvent[]): string[] {
  return [...new Set(events.filter((t) => t.event.targetType === "subscription").map((t) => t.event.targetId.toLowerCase()))];
}
