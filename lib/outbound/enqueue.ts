import "server-only";
import type { Db } from "@/db/client";
import { insertDeliveries, listEndpoints, listSubscriptionSnapshots } from "@/db/queries/outbound";
import type { NewOutboundDelivery } from "@/db/schema";
import { isGuid } from "@/lib/marketplace/schema-primitives";
import { eventBody, type SubscriptionSnapshot } from "./event-types";
import { readOutbox, subscriptionIdsOf, type OutboxBatch, type OutboxConsumer, type OutboxReadOptions } from "./outbox";

export const CURSOR_NAME = "audit_events";

export type EnqueueOptions = OutboxReadOptions;
export type EnqueueBatch = OutboxBatch;

type Endpoint = Awaited<ReturnType<typeof listEndpoints>>[number];

/** Each audit event becomes one signed delivery per enabled endpoint subscribed to its type. */
const outboundConsumer: OutboxConsumer<Endpoint[]> = {
  cursor: CURSOR_NAME,
  async load(tx) {
    const endpoints = await listEndpoints(tx, { enabledOnly: true });
    return endpoints.length > 0 ? endpoints : null;
  },
  async enqueue(tx, events, endpoints, now) {
    const snapshots = new Map<string, SubscriptionSnapshot>(
      (await listSubscriptionSnapshots(tx, subscriptionIdsOf(events).filter(isGuid))).map((s) => [s.id, s]),
    );
    const rows: NewOutboundDelivery[] = [];
    for (const { event, type } of events) {
      const snapshot = event.targetType === "subscription" ? (snapshots.get(event.targetId.toLowerCase()) ?? null) : null;
      const body = eventBody(event, type, snapshot);
      for (const endpoint of endpoints) {
        if (event.id <= endpoint.startsAfterAuditId || !endpoint.eventTypes.includes(type)) continue;
        rows.push({ endpointId: endpoint.id, auditEventId: event.id, eventType: type, body, nextAttemptAt: now });
      }
    }
    return insertDeliveries(tx, rows);
  },
};

/** Turns the next audit events into outbound deliveries (see readOutbox). */
export function enqueueBatch(db: Db, opts: EnqueueOptions): Promise<EnqueueBatch> {
  return readOutbox(db, outboundConsumer, opts);
}
