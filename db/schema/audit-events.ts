import { bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { actorType } from "./enums";

export type AuditChanges = Record<string, { from: unknown; to: unknown }>;

/** Append-only: there are no update or delete queries for this table. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorType: actorType().notNull(),
    actorId: text(),
    actorEmail: text(),
    /** Dotted and past tense, e.g. `subscription.activated`. */
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text().notNull(),
    changes: jsonb().$type<AuditChanges>().notNull().default({}),
    metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    requestId: text(),
    correlationId: text(),
  },
  (t) => [
    index("audit_events_target_idx").on(t.targetType, t.targetId, t.occurredAt),
    index("audit_events_occurred_idx").on(t.occurredAt),
    index("audit_events_action_idx").on(t.action),
  ],
);
export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;
