import "server-only";
import type { Db } from "@/db/client";
import {
  insertNotificationDeliveries,
  listChannels,
  listNotificationSubjects,
  listRules,
  listStaffEmailsByRole,
  type NotificationSubject,
} from "@/db/queries/notifications";
import type { AuditEvent, NewNotificationDelivery, NotificationChannel, NotificationContext, NotificationRule } from "@/db/schema";
import { isGuid } from "@/lib/marketplace/schema-primitives";
import { readOutbox, subscriptionIdsOf, type OutboxBatch, type OutboxConsumer, type OutboxReadOptions } from "@/lib/outbound/outbox";

/** Its own row in the outbox cursor table: notifications read the audit log at their own pace. */
export const NOTIFICATION_CURSOR = "notifications";

export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

type Recipient = { address: string; audience: NotificationContext["audience"] };

function recipientsOf(
  rule: NotificationRule,
  kind: string,
  staff: Array<{ email: string; role: string }>,
  subject: NotificationSubject | undefined,
): Recipient[] {
  if (kind !== "email") return [{ address: "", audience: "staff" }];
  const out = new Map<string, Recipient>();
  const add = (address: string | null | undefined, audience: Recipient["audience"]) => {
    const a = address?.trim().toLowerCase();
    if (a && !out.has(a)) out.set(a, { address: a, audience });
  };
  for (const s of staff) if (rule.staffRoles.includes(s.role)) add(s.email, "staff");
  for (const a of rule.addresses) add(a, "staff");
  if (rule.toPurchaser) add(subject?.purchaserEmail, "buyer");
  if (rule.toBeneficiary) add(subject?.beneficiaryEmail, "buyer");
  return [...out.values()];
}

export function contextOf(
  event: AuditEvent,
  type: string,
  subject: NotificationSubject | undefined,
): Omit<NotificationContext, "audience"> {
  return {
    eventType: type,
    occurredAt: event.occurredAt.toISOString(),
    subscription: subject
      ? {
          id: subject.id,
          name: subject.name,
          offerId: subject.offerId,
          offerName: subject.offerName,
          planId: subject.planId,
          quantity: subject.quantity,
          status: subject.status,
        }
      : null,
  };
}

export type NotificationBatch = OutboxBatch;

interface Listeners {
  rules: NotificationRule[];
  channels: Map<string, NotificationChannel>;
}

/** Each audit event becomes one delivery per (rule, recipient) whose channel and event type match. */
const notificationConsumer: OutboxConsumer<Listeners> = {
  cursor: NOTIFICATION_CURSOR,
  async load(tx) {
    const rules = await listRules(tx, { enabledOnly: true });
    if (rules.length === 0) return null;
    return { rules, channels: new Map((await listChannels(tx)).map((c) => [c.id, c])) };
  },
  async enqueue(tx, events, { rules, channels }, now) {
    const subjects = new Map((await listNotificationSubjects(tx, subscriptionIdsOf(events).filter(isGuid))).map((s) => [s.id, s]));
    const staff = await listStaffEmailsByRole(tx);
    const rows: NewNotificationDelivery[] = [];
    for (const { event, type } of events) {
      const subject = event.targetType === "subscription" ? subjects.get(event.targetId.toLowerCase()) : undefined;
      for (const rule of rules) {
        const channel = channels.get(rule.channelId);
        if (!channel || event.id <= channel.startsAfterAuditId || !rule.eventTypes.includes(type)) continue;
        if (rule.offerId && rule.offerId !== subject?.offerId) continue;
        for (const r of recipientsOf(rule, channel.kind, staff, subject)) {
          rows.push({
            channelId: channel.id,
            ruleId: rule.id,
            auditEventId: event.id,
            eventType: type,
            recipient: r.address,
            context: { ...contextOf(event, type, subject), audience: r.audience },
            status: rule.digest ? "held" : "pending",
            digestDay: rule.digest ? utcDay(now) : null,
            nextAttemptAt: now,
          });
        }
      }
    }
    return insertNotificationDeliveries(tx, rows);
  },
};

/**
 * Audit events → one delivery per (rule, event, recipient), read from the same audit outbox as the
 * outbound webhooks (lib/outbound/outbox.ts) through the notifications' own cursor.
 */
export function enqueueNotifications(db: Db, opts: OutboxReadOptions): Promise<NotificationBatch> {
  return readOutbox(db, notificationConsumer, opts);
}
