import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { getInboxItem, resetInboxItem } from "@/db/queries/webhook-inbox";
import type { WebhookInboxRow } from "@/db/schema";

export const replayActorSchema = z.object({ id: z.string().min(1).optional(), email: z.email().optional() });
export type ReplayActor = z.infer<typeof replayActorSchema>;

/** Safe to repeat: an operation already applied is recognised by its ID. Null when queued, in flight or unknown. */
export async function replayInboxItem(db: Db, id: string, actor: ReplayActor): Promise<WebhookInboxRow | null> {
  const who = replayActorSchema.parse(actor);
  if (!z.uuid().safeParse(id).success) return null;
  return db.transaction(async (tx) => {
    const before = await getInboxItem(tx, id);
    const row = await resetInboxItem(tx, id);
    if (!row || !before) return null;
    await insertAuditEvent(tx, {
      actorType: "staff",
      actorId: who.id ?? null,
      actorEmail: who.email ?? null,
      action: "webhook.replayed",
      targetType: "subscription",
      targetId: row.subscriptionId,
      changes: { state: { from: before.state, to: row.state } },
      metadata: {
        inboxId: row.id,
        operationId: row.operationId,
        action: row.action,
        previousAttempts: before.attempts,
        previousError: before.lastError ?? before.stateReason,
      },
    });
    return row;
  });
}
