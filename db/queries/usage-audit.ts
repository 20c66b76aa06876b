import "server-only";
import type { DbOrTx } from "@/db/client";
import { auditEvents, type NewAuditEvent } from "@/db/schema";

/** Many audit rows in one INSERT (a submission pass reports hundreds of hours at a time). */
export async function insertAuditEvents(db: DbOrTx, rows: NewAuditEvent[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(auditEvents).values(rows);
}
