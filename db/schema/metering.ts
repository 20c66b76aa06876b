import { sql } from "drizzle-orm";
import { boolean, index, integer, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";

export const usageSource = pgEnum("usage_source", ["api", "manual", "csv", "schedule"]);
/**
 * open: collecting, or closed and not yet split into included and reported parts.
 * ready: split, waiting to be sent (again, after a transient failure: see nextAttemptAt).
 * submitting: claimed by a pass with `attemptId`; sent or about to be; re-sent when its lease
 *   (nextAttemptAt) runs out, which Microsoft answers with Duplicate if it recorded the first one.
 * accepted / duplicate: billed. nothing_to_report: all of it was included.
 * expired: the 24-hour window passed unsent. rejected: Microsoft refused the item for good.
 * failed: an answer the portal cannot act on (kept for an operator).
 */
export const usageHourStatus = pgEnum("usage_hour_status", [
  "open",
  "ready",
  "submitting",
  "accepted",
  "duplicate",
  "nothing_to_report",
  "expired",
  "rejected",
  "failed",
]);
export const usageCadence = pgEnum("usage_cadence", ["hourly", "daily", "monthly", "one_time"]);

/** One row per accepted usage event, as the ISV's systems sent it. */
export const usageEvents = pgTable(
  "usage_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    subscriptionId: uuid().notNull(),
    dimension: text().notNull(),
    quantity: numeric({ mode: "number" }).notNull(),
    effectiveAt: timestamp({ withTimezone: true }).notNull(),
    /** The UTC clock hour the event counts in (Microsoft meters per resource, dimension and hour). */
    hour: timestamp({ withTimezone: true }).notNull(),
    idempotencyKey: text(),
    source: usageSource().notNull(),
    sourceRef: text(),
    createdAt: createdAt(),
  },
  // NULL keys never conflict, so events without a key are all kept.
  (t) => [uniqueIndex("usage_events_idempotency_idx").on(t.subscriptionId, t.idempotencyKey)],
);
export type UsageEvent = typeof usageEvents.$inferSelect;

/** The aggregate Microsoft is told about: one per subscription, dimension and UTC hour. */
export const usageHours = pgTable(
  "usage_hours",
  {
    subscriptionId: uuid().notNull(),
    dimension: text().notNull(),
    hour: timestamp({ withTimezone: true }).notNull(),
    quantity: numeric({ mode: "number" }).notNull().default(0),
    /** Covered by the plan's meteredQuantityIncluded for the term; never reported. */
    includedQuantity: numeric({ mode: "number" }).notNull().default(0),
    /** What is (to be) sent to Microsoft: quantity - includedQuantity, once split. */
    reportedQuantity: numeric({ mode: "number" }).notNull().default(0),
    /** Usage that arrived after this hour was split; moved to the earliest unreported hour. */
    lateQuantity: numeric({ mode: "number" }).notNull().default(0),
    status: usageHourStatus().notNull().default("open"),
    planId: text().notNull(),
    marketplaceUsageEventId: text(),
    attemptId: uuid(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }),
    lastError: text(),
    /** Set once a pass has warned that the hour is near the end of its window unsent. */
    expiryWarnedAt: timestamp({ withTimezone: true }),
    reportedAt: timestamp({ withTimezone: true }),
    reconciledAt: timestamp({ withTimezone: true }),
    reconcileDifference: text(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.dimension, t.hour] }),
    // The submission pass scans pending hours in hour order.
    index("usage_hours_pending_idx")
      .on(t.hour)
      .where(sql`${t.status} in ('open', 'ready', 'submitting')`),
    index("usage_hours_status_idx").on(t.status, t.hour),
  ],
);
export type UsageHour = typeof usageHours.$inferSelect;

/** A fixed quantity posted on a cadence, as Microsoft's SaaS accelerator's scheduler offers. */
export const usageSchedules = pgTable(
  "usage_schedules",
  {
    id: uuid().primaryKey().defaultRandom(),
    subscriptionId: uuid().notNull(),
    dimension: text().notNull(),
    quantity: numeric({ mode: "number" }).notNull(),
    cadence: usageCadence().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    nextRunAt: timestamp({ withTimezone: true }),
    endsAt: timestamp({ withTimezone: true }),
    createdBy: text().notNull(),
    createdAt: createdAt(),
    active: boolean().notNull().default(true),
  },
  (t) => [
    index("usage_schedules_due_idx")
      .on(t.nextRunAt)
      .where(sql`${t.active}`),
  ],
);
export type UsageSchedule = typeof usageSchedules.$inferSelect;
