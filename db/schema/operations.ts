import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { operationAction, operationSource, operationStatus, inboxState } from "./enums";
import { createdAt, updatedAt } from "./columns";

/** Marketplace operations, keyed by Microsoft's operation ID so a change is applied once. */
export const marketplaceOperations = pgTable(
  "marketplace_operations",
  {
    id: uuid().primaryKey(),
    subscriptionId: uuid().notNull(),
    action: operationAction().notNull(),
    status: operationStatus().notNull(),
    /** Azure: started by the customer or Microsoft. Partner: started by this portal. */
    source: operationSource().notNull(),
    requestedPlanId: text(),
    requestedQuantity: integer(),
    operationLocation: text(),
    errorMessage: text(),
    /** `timeStamp` from Microsoft; used to drop stale notifications. */
    marketplaceTimestamp: timestamp({ withTimezone: true }),
    requestedBy: text(),
    completedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("operations_subscription_idx").on(t.subscriptionId, t.createdAt), index("operations_status_idx").on(t.status)],
);
export type MarketplaceOperation = typeof marketplaceOperations.$inferSelect;
export type NewMarketplaceOperation = typeof marketplaceOperations.$inferInsert;

/** Every webhook call, stored before it is acted on; unique on the operation ID to absorb retries. */
export const webhookInbox = pgTable(
  "webhook_inbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    operationId: text().notNull().unique(),
    subscriptionId: text().notNull(),
    /** Kept as text: unknown actions (e.g. Transfer) are stored and acknowledged too. */
    action: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    state: inboxState().notNull().default("received"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [index("webhook_inbox_due_idx").on(t.state, t.nextAttemptAt), index("webhook_inbox_subscription_idx").on(t.subscriptionId)],
);
export type WebhookInboxRow = typeof webhookInbox.$inferSelect;
export type NewWebhookInboxRow = typeof webhookInbox.$inferInsert;
