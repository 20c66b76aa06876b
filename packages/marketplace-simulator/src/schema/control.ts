import { doublePrecision, integer, jsonb, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { simulator } from "./simulator-schema";

export type FaultEffect =
  | { type: "status"; status: 429 | 500 | 503; retryAfterSeconds?: number }
  | { type: "latency"; ms: number }
  | { type: "drop"; when: "before" | "after" };

/** Injected failures, matched per API endpoint; `remaining` counts down across app instances. */
export const simFaultRules = simulator.table("fault_rules", {
  id: uuid().primaryKey(),
  position: integer().notNull(),
  endpoint: text().notNull(),
  rate: doublePrecision().notNull(),
  /** Null: applies for as long as the rule exists. */
  remaining: integer(),
  effect: jsonb().$type<FaultEffect>().notNull(),
  createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
});
export type SimFaultRule = typeof simFaultRules.$inferSelect;

/** One row (id 1) of timing knobs, shared by every app instance on the database. */
export const simRuntimeConfig = simulator.table("runtime_config", {
  id: integer().primaryKey(),
  /** Partner-started PATCH/DELETE: NotStarted for the first half, InProgress, then Succeeded. */
  operationDelayMs: integer().notNull(),
  /** Customer changes: how long the publisher may reject before silence counts as acceptance. */
  rejectWindowMs: integer().notNull(),
  purchaseTokenLifetimeSeconds: integer().notNull(),
  webhookMaxAttempts: integer().notNull(),
  webhookRetryDelayMs: integer().notNull(),
  /** Null: the portal's own webhook route on the portal origin. */
  webhookUrl: text(),
  updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
});
export type SimRuntimeConfig = typeof simRuntimeConfig.$inferSelect;
