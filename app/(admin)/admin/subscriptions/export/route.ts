import { getDb } from "@/db";
import { iterateAdminSubscriptions } from "@/db/queries/admin-subscriptions";
import { recordExport } from "@/lib/audit/exports";
import { staffForRoute } from "@/lib/auth/guards";
import { filtersOf, parseSubscriptionSearch, sortOf } from "../search-params";
import { subscriptionsCsvStream } from "./csv";

/** CSV of the list's current filter and sort, streamed in keyset batches. */
export async function GET(request: Request): Promise<Response> {
  const staff = await staffForRoute("viewer");
  if (staff instanceof Response) return staff;
  const search = parseSubscriptionSearch(new URL(request.url).searchParams);
  const filters = filtersOf(search);
  const db = await getDb();
  await recordExport(db, { type: "staff", id: staff.userId, email: staff.email }, "subscriptions", filters);
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
  return new Response(subscriptionsCsvStream(iterateAdminSubscriptions(db, filters, sortOf(search), 500)), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="subscriptions-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
