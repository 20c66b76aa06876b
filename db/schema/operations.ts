import { foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { operationAction, operationSource, operationStatus, inboxState } from "./enums";
import { createdAt, updatedAt } from "./columns";
import { plans } from "./catalogue";

/** How a customer-initiated ChangePlan/ChangeQuantity is answered inside Microsoft's 10-second window. */
export const planChangePolicy = pgEnum("plan_change_policy", ["accept_all", "reject_downgrades", "reject_outside_quantity_range"]);
/** The synchronous answer given to a webhook call; a duplicate delivery gets the same answer. */
export const webhookDecision = pgEnum("webhook_decision", ["accepted", "rejected"]);

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
    /** Set when the change reached the subscription; null for operations recorded but not applied. */
    appliedAt: timestamp({ withTimezone: true }),
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
    decision: webhookDecision(),
    /** Why the row is ignored, failed or rejected. */
    stateReason: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [index("webhook_inbox_due_idx").on(t.state, t.nextAttemptAt), index("webhook_inbox_subscription_idx").on(t.subscriptionId)],
);
export type WebhookInboxRow = typeof webhookInbox.$inferSelect;
export type NewWebhookInboxRow = typeof webhookInbox.$inferInsert;

/** Per-plan answer to customer-initiated changes; a plan without a row accepts everything. */
export const planPolicies = pgTable(
  "plan_policies",
  {
    offerId: text().notNull(),
    planId: text().notNull(),
    changePolicy: planChangePolicy().notNull().default("accept_all"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.offerId, t.planId] }),
    foreignKey({ columns: [t.offerId, t.planId], foreignColumns: [plans.offerId, plans.planId] }).onDelete("cascade"),
  ],
);
export type PlanPolicy = typeof planPolicies.$inferSelect;
export type NewPlanPolicy = typeof planPolicies.$inferInsert;
