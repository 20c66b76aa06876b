import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { auditEvents } from "./audit-events";
import { createdAt, updatedAt } from "./columns";

export const notificationChannelKind = pgEnum("notification_channel_kind", ["email", "teams", "slack"]);
export const notificationDeliveryStatus = pgEnum("notification_delivery_status", [
  "pending",
  "delivering",
  /** Waiting for the day's digest. */
  "held",
  "succeeded",
  "failed",
  /** Sent as part of a digest delivery (`digestId`). */
  "digested",
]);

/**
 * Where notifications go. `target` is sealed at rest (lib/outbound/secret-box.ts): an SMTP URL with
 * its password, or a Teams/Slack webhook URL that is itself the credential. Null `target` on an
 * e-mail channel means the SMTP_URL setting, which then never reaches the database.
 */
export const notificationChannels = pgTable("notification_channels", {
  id: uuid().primaryKey().defaultRandom(),
  kind: notificationChannelKind().notNull(),
  name: text().notNull(),
  target: text(),
  /** E-mail only: the sender; null means MAIL_FROM. */
  mailFrom: text(),
  /** `configuration` for the channel created from SMTP_URL, else the owner's e-mail. */
  createdBy: text(),
  /** The newest audit event when the channel was added: older events never reach it. */
  startsAfterAuditId: bigint({ mode: "number" }).notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
export type NotificationChannel = typeof notificationChannels.$inferSelect;
export type NewNotificationChannel = typeof notificationChannels.$inferInsert;

/** Which event types go to a channel, and to whom (e-mail channels only). */
export const notificationRules = pgTable(
  "notification_rules",
  {
    id: uuid().primaryKey().defaultRandom(),
    channelId: uuid()
      .notNull()
      .references(() => notificationChannels.id, { onDelete: "cascade" }),
    eventTypes: text().array().notNull(),
    /** Null: every offer. */
    offerId: text(),
    staffRoles: text().array().notNull().default([]),
    addresses: text().array().notNull().default([]),
    toPurchaser: boolean().notNull().default(false),
    toBeneficiary: boolean().notNull().default(false),
    /** Held and sent once a day as one message. */
    digest: boolean().notNull().default(false),
    enabled: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("notification_rules_channel_idx").on(t.channelId)],
);
export type NotificationRule = typeof notificationRules.$inferSelect;
export type NewNotificationRule = typeof notificationRules.$inferInsert;

/** An owner's subject and intro for one event type; the built-in words apply where null. */
export const notificationTemplates = pgTable("notification_templates", {
  eventType: text().primaryKey(),
  subject: text(),
  intro: text(),
  updatedBy: text(),
  updatedAt: updatedAt(),
});
export type NotificationTemplate = typeof notificationTemplates.$inferSelect;

/** What a message is made of, fixed when the event is enqueued so retries send the same facts. */
export interface NotificationContext {
  eventType: string;
  /** Buyers get a link to their account; staff, to the subscription in the dashboard. */
  audience: "staff" | "buyer";
  occurredAt: string;
  subscription: {
    id: string;
    name: string;
    offerId: string;
    offerName: string;
    planId: string;
    quantity: number | null;
    status: string;
  } | null;
  /** Digests only: the events the message sums up. */
  items?: Array<Omit<NotificationContext, "items" | "audience">>;
  test?: boolean;
}

/** One message for one recipient (or one chat post); unique per (rule, event, recipient): enqueued once. */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    channelId: uuid()
      .notNull()
      .references(() => notificationChannels.id, { onDelete: "cascade" }),
    ruleId: uuid().references(() => notificationRules.id, { onDelete: "set null" }),
    auditEventId: bigint({ mode: "number" }).references(() => auditEvents.id),
    eventType: text().notNull(),
    /** An e-mail address, or "" for a chat post. */
    recipient: text().notNull().default(""),
    context: jsonb().$type<NotificationContext>().notNull(),
    status: notificationDeliveryStatus().notNull().default("pending"),
    /** Held rows: the UTC day whose digest they join. */
    digestDay: text(),
    digestId: uuid(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    /** The provider's answer: the SMTP reply or the HTTP status and body start. */
    lastResponse: text(),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    replays: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("notification_deliveries_rule_event_recipient_uq").on(t.ruleId, t.auditEventId, t.recipient),
    index("notification_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("notification_deliveries_channel_idx").on(t.channelId, t.createdAt),
  ],
);
export type NotificationDelivery = typeof notificationDeliveries.$inferSelect;
export type NewNotificationDelivery = typeof notificationDeliveries.$inferInsert;

export const notificationAttempts = pgTable(
  "notification_attempts",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: uuid()
      .notNull()
      .references(() => notificationDeliveries.id, { onDelete: "cascade" }),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    durationMs: integer().notNull(),
    ok: boolean().notNull(),
    response: text(),
    error: text(),
  },
  (t) => [index("notification_attempts_delivery_idx").on(t.deliveryId, t.id)],
);
export type NotificationAttempt = typeof notificationAttempts.$inferSelect;
