import "server-only";
import { and, asc, desc, eq, inArray, lt, lte, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../client";
import {
  auditEvents,
  notificationAttempts,
  notificationChannels,
  notificationDeliveries,
  notificationRules,
  notificationTemplates,
  offers,
  outboundCursor,
  staff,
  subscriptions,
  type NewNotificationChannel,
  type NewNotificationDelivery,
  type NewNotificationRule,
  type NotificationAttempt,
  type NotificationChannel,
  type NotificationDelivery,
  type NotificationRule,
  type NotificationTemplate,
} from "../schema";
import { deliveryQueue } from "./delivery-queue";

// ---- channels and rules

/** The channel starts after the newest audit event: adding one never sends it history. */
export async function insertChannel(db: DbOrTx, values: Omit<NewNotificationChannel, "startsAfterAuditId">): Promise<NotificationChannel> {
  const [row] = await db
    .insert(notificationChannels)
    .values({ ...values, startsAfterAuditId: sql`(select coalesce(max(${auditEvents.id}), 0) from ${auditEvents})` })
    .returning();
  if (!row) throw new Error("channel insert returned no row");
  return row;
}

export async function listChannels(db: DbOrTx): Promise<NotificationChannel[]> {
  return db.select().from(notificationChannels).orderBy(asc(notificationChannels.createdAt), asc(notificationChannels.id));
}

export async function getChannel(db: DbOrTx, id: string): Promise<NotificationChannel | undefined> {
  const [row] = await db.select().from(notificationChannels).where(eq(notificationChannels.id, id)).limit(1);
  return row;
}

export async function getConfiguredChannel(db: DbOrTx): Promise<NotificationChannel | undefined> {
  const [row] = await db.select().from(notificationChannels).where(eq(notificationChannels.createdBy, "configuration")).limit(1);
  return row;
}

export async function deleteChannel(db: DbOrTx, id: string): Promise<NotificationChannel | undefined> {
  const [row] = await db.delete(notificationChannels).where(eq(notificationChannels.id, id)).returning();
  return row;
}

export async function updateChannelTarget(db: DbOrTx, id: string, target: string): Promise<void> {
  await db.update(notificationChannels).set({ target }).where(eq(notificationChannels.id, id));
}

export async function insertRules(db: DbOrTx, rows: NewNotificationRule[]): Promise<NotificationRule[]> {
  if (rows.length === 0) return [];
  return db.insert(notificationRules).values(rows).returning();
}

export async function listRules(db: DbOrTx, opts: { enabledOnly?: boolean } = {}): Promise<NotificationRule[]> {
  return db
    .select()
    .from(notificationRules)
    .where(opts.enabledOnly ? eq(notificationRules.enabled, true) : undefined)
    .orderBy(asc(notificationRules.createdAt), asc(notificationRules.id));
}

export async function deleteRule(db: DbOrTx, id: string): Promise<NotificationRule | undefined> {
  const [row] = await db.delete(notificationRules).where(eq(notificationRules.id, id)).returning();
  return row;
}

// ---- templates

export async function listTemplates(db: DbOrTx): Promise<NotificationTemplate[]> {
  return db.select().from(notificationTemplates);
}

export async function upsertTemplate(
  db: DbOrTx,
  row: { eventType: string; subject: string | null; intro: string | null; updatedBy: string | null },
): Promise<void> {
  await db
    .insert(notificationTemplates)
    .values(row)
    .onConflictDoUpdate({
      target: notificationTemplates.eventType,
      set: { subject: row.subject, intro: row.intro, updatedBy: row.updatedBy },
    });
}

// ---- what the enqueue step reads

export async function listStaffEmailsByRole(db: DbOrTx): Promise<Array<{ email: string; role: string }>> {
  return db.select({ email: staff.email, role: staff.role }).from(staff);
}

export async function listNotificationSubjects(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: subscriptions.id,
      name: subscriptions.name,
      offerId: subscriptions.offerId,
      offerName: sql<string>`coalesce(${offers.displayName}, ${subscriptions.offerId})`,
      planId: subscriptions.planId,
      quantity: subscriptions.quantity,
      status: subscriptions.status,
      purchaserEmail: subscriptions.purchaserEmail,
      beneficiaryEmail: subscriptions.beneficiaryEmail,
    })
    .from(subscriptions)
    .leftJoin(offers, eq(offers.id, subscriptions.offerId))
    .where(inArray(subscriptions.id, ids));
}
export type NotificationSubject = Awaited<ReturnType<typeof listNotificationSubjects>>[number];

// ---- deliveries

/** The unique (rule, event, recipient) triple makes a second enqueue of the same event a no-op. */
export async function insertNotificationDeliveries(db: DbOrTx, rows: NewNotificationDelivery[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(notificationDeliveries)
    .values(rows)
    .onConflictDoNothing({ target: [notificationDeliveries.ruleId, notificationDeliveries.auditEventId, notificationDeliveries.recipient] })
    .returning({ id: notificationDeliveries.id });
  return inserted.length;
}

export interface ClaimedNotification {
  delivery: NotificationDelivery;
  channel: NotificationChannel;
}

export interface NotificationAttemptRecord {
  startedAt: Date;
  durationMs: number;
  ok: boolean;
  response: string | null;
  error: string | null;
}

const queue = deliveryQueue<NotificationDelivery, NotificationChannel, NotificationAttemptRecord, "channel">({
  deliveries: notificationDeliveries,
  attempts: notificationAttempts,
  parents: notificationChannels,
  parentKey: "channel",
  parentIdOf: (d) => d.channelId,
  lastOf: (a) => ({ lastResponse: a.response }),
});

export const insertNotificationDelivery = (db: DbOrTx, row: NewNotificationDelivery): Promise<NotificationDelivery> =>
  queue.insertOne(db, row);

/**
 * Leases due deliveries, at most `perChannel` of each channel, so a channel with a long backlog or
 * a slow server never takes the whole round: the other channels' messages are claimed beside it.
 */
export const claimDueNotifications = (
  db: Db,
  opts: { perChannel: number; limit: number; now: Date; leaseUntil: Date },
): Promise<ClaimedNotification[]> =>
  queue.claimDue(
    db,
    (tx) => {
      const ranked = tx
        .select({
          id: notificationDeliveries.id,
          rank: sql<number>`row_number() over (partition by ${notificationDeliveries.channelId} order by ${notificationDeliveries.nextAttemptAt})`.as(
            "rank",
          ),
        })
        .from(notificationDeliveries)
        .where(and(inArray(notificationDeliveries.status, ["pending", "delivering"]), lte(notificationDeliveries.nextAttemptAt, opts.now)))
        .as("ranked");
      const candidates = tx.select({ id: ranked.id }).from(ranked).where(lte(ranked.rank, opts.perChannel));
      return tx
        .select({ id: notificationDeliveries.id })
        .from(notificationDeliveries)
        .where(inArray(notificationDeliveries.id, candidates))
        .limit(opts.limit)
        .for("update", { skipLocked: true });
    },
    opts.leaseUntil,
  );

export const {
  claimOne: claimNotification,
  finish: finishNotification,
  resetForReplay: resetNotificationForReplay,
  get: getNotificationDelivery,
} = queue;
export const listNotificationAttempts = (db: DbOrTx, deliveryId: string) => queue.listAttempts<NotificationAttempt>(db, deliveryId, 100);

export async function listNotificationDeliveries(db: DbOrTx, f: { channelId?: string; limit?: number } = {}) {
  return db
    .select({
      id: notificationDeliveries.id,
      channelId: notificationDeliveries.channelId,
      channelName: notificationChannels.name,
      channelKind: notificationChannels.kind,
      eventType: notificationDeliveries.eventType,
      recipient: notificationDeliveries.recipient,
      status: notificationDeliveries.status,
      attempts: notificationDeliveries.attempts,
      replays: notificationDeliveries.replays,
      lastAttemptAt: notificationDeliveries.lastAttemptAt,
      lastResponse: notificationDeliveries.lastResponse,
      lastError: notificationDeliveries.lastError,
      createdAt: notificationDeliveries.createdAt,
    })
    .from(notificationDeliveries)
    .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
    .where(f.channelId ? eq(notificationDeliveries.channelId, f.channelId) : undefined)
    .orderBy(desc(notificationDeliveries.createdAt), desc(notificationDeliveries.id))
    .limit(Math.min(f.limit ?? 50, 200));
}
export type NotificationDeliveryRow = Awaited<ReturnType<typeof listNotificationDeliveries>>[number];

// ---- digests

/** Held rows of days before `today`, locked for the transaction that sums them up. */
export async function claimHeldBefore(tx: DbOrTx, today: string, limit = 500): Promise<NotificationDelivery[]> {
  return tx
    .select()
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.status, "held"), lt(notificationDeliveries.digestDay, today)))
    .orderBy(asc(notificationDeliveries.createdAt))
    .limit(limit)
    .for("update", { skipLocked: true });
}

export async function markDigested(tx: DbOrTx, ids: string[], digestId: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.update(notificationDeliveries).set({ status: "digested", digestId }).where(inArray(notificationDeliveries.id, ids));
}

/** True the first time a name is claimed, ever: one-off start-up steps remember they ran. */
export async function claimOnce(tx: DbOrTx, name: string): Promise<boolean> {
  const inserted = await tx
    .insert(outboundCursor)
    .values({ name })
    .onConflictDoNothing({ target: outboundCursor.name })
    .returning({ name: outboundCursor.name });
  return inserted.length > 0;
}
