import "server-only";
import type { Db } from "@/db/client";
import { claimCursor, listAuditEventsAfter, maxAuditEventId, saveCursor } from "@/db/queries/outbound";
import {
  insertNotificationDeliveries,
  listChannels,
  listNotificationSubjects,
  listRules,
  listStaffEmailsByRole,
  type NotificationSubject,
} from "@/db/queries/notifications";
import type { AuditEvent, NewNotificationDelivery, NotificationContext, NotificationRule, OutboxGap } from "@/db/schema";
import { isGuid } from "@/lib/marketplace/schema-primitives";
import { eventTypeFor } from "@/lib/outbound/event-types";
import { trackGaps } from "@/lib/outbound/gaps";

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

export type NotificationBatch = { kind: "busy" } | { kind: "done"; read: number; enqueued: number; more: boolean };

/**
 * Audit events → one delivery per (rule, event, recipient), in the transaction holding the cursor
 * row, as the outbound outbox does (lib/outbound/enqueue.ts): the change that caused an event never
 * waits for a message, and a crash between reading and saving the cursor enqueues nothing twice.
 */
export async function enqueueNotifications(
  db: Db,
  opts: { now: Date; batchSize?: number; gapGraceMs?: number },
): Promise<NotificationBatch> {
  const batchSize = opts.batchSize ?? 200;
  return db.transaction(async (tx): Promise<NotificationBatch> => {
    const cursor = await claimCursor(tx, NOTIFICATION_CURSOR);
    if (!cursor) return { kind: "busy" };
    const rules = await listRules(tx, { enabledOnly: true });
    if (rules.length === 0) {
      await saveCursor(tx, NOTIFICATION_CURSOR, Math.max(cursor.lastAuditId, await maxAuditEventId(tx)), []);
      return { kind: "done", read: 0, enqueued: 0, more: false };
    }
    const channels = new Map((await listChannels(tx)).map((c) => [c.id, c]));
    const gaps = cursor.gaps.filter((g: OutboxGap) => Date.parse(g.seenAt) + (opts.gapGraceMs ?? 120_000) > opts.now.getTime());
    const events = await listAuditEventsAfter(tx, cursor.lastAuditId, gaps, batchSize);
    const next = trackGaps(
      cursor.lastAuditId,
      gaps,
      events.map((e) => e.id),
      opts.now,
    );

    const typed = events.flatMap((e) => {
      const type = eventTypeFor(e);
      return type ? [{ event: e, type }] : [];
    });
    const ids = [...new Set(typed.filter((t) => t.event.targetType === "subscription").map((t) => t.event.targetId.toLowerCase()))];
    const subjects = new Map((await listNotificationSubjects(tx, ids.filter(isGuid))).map((s) => [s.id, s]));
    const staff = typed.length > 0 ? await listStaffEmailsByRole(tx) : [];
    const rows: NewNotificationDelivery[] = [];
    for (const { event, type } of typed) {
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
            digestDay: rule.digest ? utcDay(opts.now) : null,
            nextAttemptAt: opts.now,
          });
        }
      }
    }
    const enqueued = await insertNotificationDeliveries(tx, rows);
    await saveCursor(tx, NOTIFICATION_CURSOR, next.lastAuditId, next.gaps);
    return { kind: "done", read: events.length, enqueued, more: events.length === batchSize };
  });
}
