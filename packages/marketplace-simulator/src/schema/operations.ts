import { index, integer, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { simulator } from "./simulator-schema";
import { simOperationAction, simOperationSource, simOperationStatus } from "./enums";
import { simSubscriptions } from "./subscriptions";

const ts = () => timestamp({ withTimezone: true, mode: "date" });

/** A pending operation's progress is derived from its timestamps on every read, so instances agree. */
export const simOperations = simulator.table(
  "operations",
  {
    id: uuid().primaryKey(),
    activityId: uuid().notNull(),
    subscriptionId: uuid()
      .notNull()
      .references(() => simSubscriptions.id, { onDelete: "cascade" }),
    action: simOperationAction().notNull(),
    source: simOperationSource().notNull(),
    /** Target plan and quantity (ChangePlan, ChangeQuantity) or the current ones otherwise. */
    planId: text().notNull(),
    quantity: integer(),
    status: simOperationStatus().notNull(),
    createdAt: ts().notNull(),
    startsAt: ts().notNull(),
    /** When a pending operation completes by itself (Partner delay, or the customer's reject window). */
    completesAt: ts().notNull(),
    settledAt: ts(),
    /** How the publisher answered the first webhook attempt, if one was sent. */
    webhookStatus: integer(),
    errorStatusCode: text(),
    errorMessage: text(),
  },
  (t) => [index("operations_subscription_idx").on(t.subscriptionId, t.createdAt), index("operations_due_idx").on(t.status, t.completesAt)],
);
export type SimOperation = typeof simOperations.$inferSelect;
export type NewSimOperation = typeof simOperations.$inferInsert;
