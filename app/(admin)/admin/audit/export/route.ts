import { getDb } from "@/db";
import { iterateAuditEvents } from "@/db/queries/admin-audit";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { staffForRoute } from "@/lib/auth/guards";
import { auditFiltersOf, parseAuditSearch } from "../search-params";
import { auditCsvStream } from "./csv";

/** The log under the page's current filter, streamed newest first in keyset batches. */
export async function GET(request: Request): Promise<Response> {
  const staff = await staffForRoute("viewer");
  if (staff instanceof Response) return staff;
  const filters = auditFiltersOf(parseAuditSearch(new URL(request.url).searchParams));
  const db = await getDb();
  // The log names staff and customers: who took a copy, and of what, is itself recorded.
  await insertAuditEvent(db, {
    actorType: "staff",
    actorId: staff.userId,
    actorEmail: staff.email,
    action: "audit.exported",
    targetType: "audit_log",
    targetId: "csv",
    metadata: { filters },
  });
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
  return new Response(auditCsvStream(iterateAuditEvents(db, filters, 1000)), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
