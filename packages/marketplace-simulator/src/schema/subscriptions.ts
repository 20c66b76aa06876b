import { bigint, boolean, index, integer, jsonb, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { simulator } from "./simulator-schema";
import { simSubscriptionStatus, simTermUnit } from "./enums";
import type { AadIdentifier, CustomerOperation } from "../types";

const ts = () => timestamp({ withTimezone: true, mode: "date" });

/** Every field of Microsoft's Subscription object, plus what the simulator needs to play Microsoft. */
export const simSubscriptions = simulator.table(
  "subscriptions",
  {
    id: uuid().primaryKey(),
    /** Insertion order: the key behind list paging's continuation tokens. */
    seq: bigint({ mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    publisherId: text().notNull(),
    offerId: text().notNull(),
    name: text().notNull(),
    status: simSubscriptionStatus().notNull(),
    beneficiary: jsonb().$type<AadIdentifier>().notNull(),
    purchaser: jsonb().$type<AadIdentifier>().notNull(),
    planId: text().notNull(),
    quantity: integer(),
    termUnit: simTermUnit().notNull(),
    termStartDate: ts(),
    termEndDate: ts(),
    chargeDuration: text(),
    autoRenew: boolean().notNull().default(true),
    isTest: boolean().notNull().default(false),
    isFreeTrial: boolean().notNull().default(false),
    allowedCustomerOperations: jsonb().$type<CustomerOperation[]>().notNull(),
    sandboxType: text().$type<"None" | "Csp">().notNull().default("None"),
    sessionMode: text().$type<"None" | "DryRun">().notNull().default("None"),
    market: text().notNull(),
    /** The Azure subscription the purchase is billed to (metering's `azureSubscriptionId`). */
    azureSubscriptionId: uuid().notNull(),
    created: ts().notNull(),
    lastModified: ts().notNull(),
    /** Metering may still report hours before this moment, within 24 h. */
    unsubscribedAt: ts(),
  },
  (t) => [index("subscriptions_seq_idx").on(t.seq), index("subscriptions_status_idx").on(t.status)],
);
export type SimSubscription = typeof simSubscriptions.$inferSelect;
export type NewSimSubscription = typeof simSubscriptions.$inferInsert;

/** Landing-page tokens: only a SHA-256 hash is kept, so a database dump cannot be replayed. */
export const simPurchaseTokens = simulator.table(
  "purchase_tokens",
  {
    id: uuid().primaryKey(),
    tokenHash: text().notNull().unique(),
    subscriptionId: uuid()
      .notNull()
      .references(() => simSubscriptions.id, { onDelete: "cascade" }),
    createdAt: ts().notNull(),
    expiresAt: ts().notNull(),
  },
  (t) => [index("purchase_tokens_subscription_idx").on(t.subscriptionId)],
);
export type SimPurchaseToken = typeof simPurchaseTokens.$inferSelect;

/** How often the publisher called each API for a subscription, to check the portal's behaviour. */
export const simApiCalls = simulator.table(
  "api_calls",
  {
    subscriptionId: uuid()
      .notNull()
      .references(() => simSubscriptions.id, { onDelete: "cascade" }),
    operation: text().notNull(),
    count: integer().notNull().default(0),
    lastCalledAt: ts().notNull(),
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.operation] })],
);
export type SimApiCall = typeof simApiCalls.$inferSelect;
