import { doublePrecision, index, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { simulator } from "./simulator-schema";
import { simSubscriptions } from "./subscriptions";

const ts = () => timestamp({ withTimezone: true, mode: "date" });

/** Accepted usage events only; the unique index enforces one per resource, dimension and hour. */
export const simUsageEvents = simulator.table(
  "usage_events",
  {
    usageEventId: uuid().primaryKey(),
    resourceId: uuid()
      .notNull()
      .references(() => simSubscriptions.id, { onDelete: "cascade" }),
    dimension: text().notNull(),
    planId: text().notNull(),
    quantity: doublePrecision().notNull(),
    effectiveStartTime: ts().notNull(),
    /** effectiveStartTime truncated to the hour: Microsoft accepts one event per calendar hour. */
    usageHour: ts().notNull(),
    messageTime: ts().notNull(),
  },
  (t) => [uniqueIndex("usage_events_hour_uq").on(t.resourceId, t.dimension, t.usageHour), index("usage_events_hour_idx").on(t.usageHour)],
);
export type SimUsageEvent = typeof simUsageEvents.$inferSelect;
