import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { claimHeldBefore, insertNotificationDelivery, markDigested } from "@/db/queries/notifications";
import type { NotificationContext, NotificationDelivery } from "@/db/schema";
import { DIGEST_TYPE } from "./catalogue";
import { utcDay } from "./enqueue";

/**
 * Once a UTC day has ended, the messages its digest rules held become one message per channel and
 * recipient; the held rows point at it. One transaction, rows locked SKIP LOCKED: two workers
 * never sum up the same rows.
 */
export async function rollUpDigests(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const held = await claimHeldBefore(tx, utcDay(now));
    const groups = new Map<string, NotificationDelivery[]>();
    for (const row of held) {
      const key = `${row.channelId}\u0000${row.recipient}\u0000${row.context.audience}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    for (const rows of groups.values()) {
      const first = rows[0]!;
      const items = rows.map(({ context: { audience: _audience, items: _items, ...item } }) => item);
      const context: NotificationContext = {
        eventType: DIGEST_TYPE,
        occurredAt: now.toISOString(),
        audience: first.context.audience,
        subscription: null,
        items,
      };
      const digestId = randomUUID();
      await insertNotificationDelivery(tx, {
        id: digestId,
        channelId: first.channelId,
        eventType: DIGEST_TYPE,
        recipient: first.recipient,
        context,
        nextAttemptAt: now,
      });
      await markDigested(
        tx,
        rows.map((r) => r.id),
        digestId,
      );
    }
    return groups.size;
  });
}
