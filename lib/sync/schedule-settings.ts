import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { getSyncSettings, saveAutoHealDrift, saveSyncInterval } from "@/db/queries/sync";
import type { Actor } from "@/lib/subscriptions/activate";

export { autoHealDriftSchema, intervalLabel, SYNC_INTERVAL_CHOICES, syncIntervalSchema } from "./interval-choices";

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

/** Whether a sync applies drift in Microsoft-owned fields by itself (the default) or leaves all of it for staff. */
export async function updateAutoHealDrift(db: Db, autoHealDrift: boolean, actor: Actor): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const before = await getSyncSettings(tx);
    if (before.autoHealDrift === autoHealDrift) return { changed: false };
    await saveAutoHealDrift(tx, autoHealDrift, actor.email);
    await insertAuditEvent(tx, {
      actorType: actor.type,
      actorId: actor.id,
      actorEmail: actor.email,
      action: "settings.drift_auto_heal_changed",
      targetType: "settings",
      targetId: "drift_auto_heal",
      changes: { autoHealDrift: { from: before.autoHealDrift, to: autoHealDrift } },
    });
    return { changed: true };
  });
}
