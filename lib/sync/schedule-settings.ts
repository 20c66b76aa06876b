import { z } from "zod";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { getSyncSettings, saveSyncInterval } from "@/db/queries/sync";
import type { Actor } from "@/lib/subscriptions/activate";

/** Choices offered in settings; every instance reads the stored value before each scheduled check. */
export const SYNC_INTERVAL_CHOICES = [
  { minutes: 0, label: "Off" },
  { minutes: 60, label: "Every hour" },
  { minutes: 180, label: "Every 3 hours" },
  { minutes: 360, label: "Every 6 hours" },
  { minutes: 720, label: "Every 12 hours" },
  { minutes: 1440, label: "Every day" },
] as const;

export const syncIntervalSchema = z.object({
  intervalMinutes: z.coerce
    .number({ message: "Choose an interval" })
    .int()
    .refine((m) => SYNC_INTERVAL_CHOICES.some((c) => c.minutes === m), "Choose one of the listed intervals"),
});

export function intervalLabel(minutes: number): string {
  return SYNC_INTERVAL_CHOICES.find((c) => c.minutes === minutes)?.label ?? `Every ${minutes} minutes`;
}

export async function updateSyncInterval(db: Db, intervalMinutes: number, actor: Actor): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const before = await getSyncSettings(tx);
    if (before.intervalMinutes === intervalMinutes) return { changed: false };
    await saveSyncInterval(tx, intervalMinutes, actor.email);
    await insertAuditEvent(tx, {
      actorType: actor.type,
      actorId: actor.id,
      actorEmail: actor.email,
      action: "settings.sync_interval_changed",
      targetType: "settings",
      targetId: "sync_interval",
      changes: { intervalMinutes: { from: before.intervalMinutes, to: intervalMinutes } },
    });
    return { changed: true };
  });
}
