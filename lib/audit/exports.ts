import "server-only";
import type { DbOrTx } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import type { Actor } from "@/lib/subscriptions/activate";

const EXPORTS = {
  // The log names staff and customers: who took a copy, and of what, is itself recorded.
  audit: { action: "audit.exported", targetType: "audit_log" },
  // The export carries customers' e-mail addresses: record who took it, and with which filter.
  subscriptions: { action: "subscriptions.exported", targetType: "subscriptions" },
} as const;

/** Records a CSV export before its first row is sent. */
export async function recordExport(db: DbOrTx, actor: Actor, kind: keyof typeof EXPORTS, filters: unknown): Promise<void> {
  await insertAuditEvent(db, {
    actorType: actor.type,
    actorId: actor.id,
    actorEmail: actor.email,
    ...EXPORTS[kind],
    targetId: "csv",
    metadata: { filters },
  });
}
