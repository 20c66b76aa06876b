import { getDb } from "@/db";
import { iterateAuditEvents } from "@/db/queries/admin-audit";
import { recordExport } from "@/lib/audit/exports";
import { staffForRoute } from "@/lib/auth/guards";
import { auditFiltersOf, parseAuditSearch } from "../search-params";
import { auditCsvStream } from "./csv";

/** The log under the page's current filter, streamed newest first in keyset batches. */
export async function GET(request: Request): Promise<Response> {
  const staff = await staffForRoute("viewer");
  if (staff instanceof Response) return staff;
  const filters = auditFiltersOf(parseAuditSearch(new URL(request.url).searchParams));
  const db = await getDb();
  await recordExport(db, { type: "staff", id: staff.userId, email: staff.email }, "audit", filters);
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
  return new Response(auditCsvStream(iterateAuditEvents(db, filters, 1000)), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
