import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { subscriptions } from "./subscriptions";

export const syncRunStatus = pgEnum("sync_run_status", ["running", "succeeded", "failed"]);
export const syncTrigger = pgEnum("sync_trigger", ["manual", "scheduled"]);

/** One reconciliation walk over Microsoft's subscription list, with its progress. */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    trigger: syncTrigger().notNull(),
    status: syncRunStatus().notNull().default("running"),
    /** E-mail of the staff member who asked for it; null for scheduled runs. */
    startedBy: text(),
    /** Sent as x-ms-correlationid on every page request, so Microsoft support sees one operation. */
    correlationId: uuid().notNull().defaultRandom(),
    /** Estimate for the progress bar: Microsoft's list carries no total. */
    expectedTotal: integer(),
    pages: integer().notNull().default(0),
    seen: integer().notNull().default(0),
    imported: integer().notNull().default(0),
    updated: integer().notNull().default(0),
    drifted: integer().notNull().default(0),
    /** Local subscriptions Microsoft did not list. */
    missing: integer().notNull().default(0),
    error: text(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Moved on every page; a run whose heartbeat stops was abandoned by a crashed instance. */
    heartbeatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // At most one running row: the claim is a plain insert that loses on this index in every other instance.
    uniqueIndex("sync_runs_one_running_idx")
      .on(t.status)
      .where(sql`status = 'running'`),
    index("sync_runs_started_idx").on(t.startedAt),
  ],
);
export type SyncRun = typeof syncRuns.$inferSelect;
export type NewSyncRun = typeof syncRuns.$inferInsert;

export type DriftValue = string | number | boolean | string[] | null;

/** Open differences between our row and Microsoft's, one per field, until accepted or gone. */
export const syncDrift = pgTable(
  "sync_drift",
  {
    subscriptionId: uuid()
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    field: text().notNull(),
    localValue: jsonb().$type<DriftValue>(),
    marketplaceValue: jsonb().$type<DriftValue>(),
    /** The last run that saw this difference. */
    runId: uuid().notNull(),
    detectedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.field] }), index("sync_drift_detected_idx").on(t.detectedAt)],
);
export type SyncDrift = typeof syncDrift.$inferSelect;
export type NewSyncDrift = typeof syncDrift.$inferInsert;

/** A single row (id 1): how often the scheduled sync runs, shared by every app instance. */
export const syncSettings = pgTable(
  "sync_settings",
  {
    id: integer().primaryKey().default(1),
    /** 0 turns the scheduled sync off. */
    intervalMinutes: integer().notNull().default(360),
    /** Drift in Microsoft-owned fields found by a sync is applied at once when no portal-started operation is pending; off: staff review all of it. */
    autoHealDrift: boolean().notNull().default(true),
    updatedBy: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("sync_settings_single_row", sql`${t.id} = 1`), check("sync_settings_interval", sql`${t.intervalMinutes} >= 0`)],
);
export type SyncSettings = typeof syncSettings.$inferSelect;
