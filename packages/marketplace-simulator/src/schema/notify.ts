import { index, integer, jsonb, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { WebhookPayload } from "../types";
import { simulator } from "./simulator-schema";

const ts = () => timestamp({ withTimezone: true, mode: "date" });

/** rejected: a 4xx, the publisher's final answer; failed: attempts exhausted. */
export const webhookDeliveryState = simulator.enum("webhook_delivery_state", ["sending", "retrying", "delivered", "rejected", "failed"]);
export type WebhookDeliveryState = (typeof webhookDeliveryState.enumValues)[number];

export const webhookDeliveries = simulator.table(
  "webhook_deliveries",
  {
    id: uuid().primaryKey(),
    operationId: uuid().notNull(),
    subscriptionId: uuid().notNull(),
    action: text().notNull(),
    url: text().notNull(),
    payload: jsonb().$type<WebhookPayload>().notNull(),
    state: webhookDeliveryState().notNull(),
    attempts: integer().notNull(),
    maxAttempts: integer().notNull(),
    lastStatusCode: integer(),
    lastError: text(),
    /** Due time of the next attempt, or the lease end while `sending`; null once final. */
    nextAttemptAt: ts(),
    createdAt: ts().notNull(),
    updatedAt: ts().notNull(),
    completedAt: ts(),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.state, t.nextAttemptAt),
    index("webhook_deliveries_created_idx").on(t.createdAt),
    index("webhook_deliveries_operation_idx").on(t.operationId),
  ],
);
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type NewWebhookDeliveryRow = typeof webhookDeliveries.$inferInsert;

export const webhookDeliveryAttempts = simulator.table(
  "webhook_delivery_attempts",
  {
    id: uuid().primaryKey(),
    deliveryId: uuid()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attemptNumber: integer().notNull(),
    startedAt: ts().notNull(),
    finishedAt: ts().notNull(),
    durationMs: integer().notNull(),
    statusCode: integer(),
    responseSnippet: text(),
    error: text(),
  },
  (t) => [uniqueIndex("webhook_delivery_attempts_number_idx").on(t.deliveryId, t.attemptNumber)],
);
export type WebhookDeliveryAttemptRow = typeof webhookDeliveryAttempts.$inferSelect;
