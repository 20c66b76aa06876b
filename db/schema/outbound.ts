import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { auditEvents } from "./audit-events";
import { createdAt, updatedAt } from "./columns";

export const outboundDeliveryStatus = pgEnum("outbound_delivery_status", ["pending", "delivering", "succeeded", "failed"]);

/** A URL of the ISV's own systems that receives signed events (Standard Webhooks). */
export const outboundEndpoints = pgTable("outbound_endpoints", {
  id: uuid().primaryKey().defaultRandom(),
  url: text().notNull(),
  description: text().notNull().default(""),
  enabled: boolean().notNull().default(true),
  eventTypes: text().array().notNull(),
  /** `whsec_` + base64: HMAC needs the secret itself, so it is stored, and shown only to owners. */
  secret: text().notNull(),
  /** Still signed with until it expires, so receivers can switch secrets without dropping events. */
  previousSecret: text(),
  previousSecretExpiresAt: timestamp({ withTimezone: true }),
  /** The newest audit event when the endpoint was added: older events are never sent to it. */
  startsAfterAuditId: bigint({ mode: "number" }).notNull().default(0),
  createdBy: text(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
export type OutboundEndpoint = typeof outboundEndpoints.$inferSelect;
export type NewOutboundEndpoint = typeof outboundEndpoints.$inferInsert;

/** One event for one endpoint; unique on (endpoint, audit event) so an event is enqueued exactly once. */
export const outboundDeliveries = pgTable(
  "outbound_deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    endpointId: uuid()
      .notNull()
      .references(() => outboundEndpoints.id, { onDelete: "cascade" }),
    /** Null for test events, which come from staff rather than the audit log. */
    auditEventId: bigint({ mode: "number" }).references(() => auditEvents.id),
    eventType: text().notNull(),
    /** The exact bytes signed and sent, so retries and replays carry an identical body. */
    body: text().notNull(),
    status: outboundDeliveryStatus().notNull().default("pending"),
    /** Attempts in the current round (reset by a replay); the back-off follows it. */
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    lastStatusCode: integer(),
    lastError: text(),
    lastDurationMs: integer(),
    deliveredAt: timestamp({ withTimezone: true }),
    replays: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("outbound_deliveries_endpoint_event_uq").on(t.endpointId, t.auditEventId),
    index("outbound_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("outbound_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
    index("outbound_deliveries_created_idx").on(t.createdAt, t.id),
  ],
);
export type OutboundDelivery = typeof outboundDeliveries.$inferSelect;
export type NewOutboundDelivery = typeof outboundDeliveries.$inferInsert;

/** Every HTTP attempt, for the delivery log. */
export const outboundAttempts = pgTable(
  "outbound_attempts",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: uuid()
      .notNull()
      .references(() => outboundDeliveries.id, { onDelete: "cascade" }),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    durationMs: integer().notNull(),
    statusCode: integer(),
    responseSnippet: text(),
    error: text(),
  },
  (t) => [index("outbound_attempts_delivery_idx").on(t.deliveryId, t.id)],
);
export type OutboundAttempt = typeof outboundAttempts.$inferSelect;

/** Audit ids seen missing after the cursor: an open transaction may still commit them. */
export interface OutboxGap {
  from: number;
  to: number;
  seenAt: string;
}

/** How far the audit log has been turned into deliveries; its row is locked while a worker enqueues. */
export const outboundCursor = pgTable("outbound_cursor", {
  name: text().primaryKey(),
  lastAuditId: bigint({ mode: "number" }).notNull().default(0),
  gaps: jsonb().$type<OutboxGap[]>().notNull().default([]),
  updatedAt: updatedAt(),
});
export type OutboundCursor = typeof outboundCursor.$inferSelect;
