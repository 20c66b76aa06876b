import Link from "next/link";
import { getDb } from "@/db";
import { countAdminSubscriptions, listAdminSubscriptions } from "@/db/queries/admin-subscriptions";
import { date } from "@/components/format";
import { SubscriptionTable, type SubscriptionColumn, type SubscriptionRowData } from "@/components/admin/subscription-table";
import { filtersOf, searchQuery, sortOf, type SubscriptionSearch } from "../search-params";

const PAGE_SIZE = 25;
/** Counting stops here: an exact count of a million rows would cost more than the page itself. */
const COUNT_CAP = 10_000;

const columns: SubscriptionColumn<SubscriptionRowData>[] = [
  {
    header: "Purchaser",
    className: "text-slate-700",
    cell: ({ subscription: s }) =>
      s.purchaserTenantId ? (
        <Link
          href={`/admin/customers/${s.purchaserTenantId}`}
          title={`Customer: tenant ${s.purchaserTenantId}`}
          className="text-brand-700 hover:underline"
        >
          {s.purchaserEmail ?? s.purchaserTenantId}
        </Link>
      ) : (
        (s.purchaserEmail ?? "—")
      ),
  },
  {
    header: "Created",
    className: "whitespace-nowrap text-slate-600",
    cell: ({ subscription: s }) => date(s.marketplaceCreatedAt ?? s.createdAt),
  },
];

export async function SubscriptionsTable({ search }: { search: SubscriptionSearch }) {
  const db = await getDb();
  const filters = filtersOf(search);
  const page = await listAdminSubscriptions(db, {
    filters,
    sort: sortOf(search),
    after: search.after,
    before: search.before,
    limit: PAGE_SIZE,
  });
  // A first page with nothing after it is the whole result (a narrow search, usually): counting would run the same search again.
  const whole = !search.after && !search.before && !page.next;
  const total = whole ? page.rows.length : await countAdminSubscriptions(db, filters, COUNT_CAP);
  return (
    <section aria-labelledby="results-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-5 py-3">
        <h2 id="results-title" className="text-sm font-semibold text-slate-900" aria-live="polite">
          {total > COUNT_CAP
            ? `More than ${COUNT_CAP.toLocaleString("en-US")} subscriptions`
            : `${total} subscription${total === 1 ? "" : "s"}`}
        </h2>
        <a
          href={`/admin/subscriptions/export${searchQuery(search, { after: undefined, before: undefined })}`}
          className="text-sm font-medium text-brand-700 hover:underline"
          download
        >
          Export CSV
        </a>
      </div>
      {page.rows.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-slate-500">No subscriptions match this filter.</p>
      ) : (
        <SubscriptionTable
          label="Subscriptions"
          caption="Subscriptions matching the filter"
          rows={page.rows.map((subscription) => ({ subscription }))}
          columns={columns}
        />
      )}
      <nav aria-label="Pages" className="flex items-center justify-between gap-3 border-t border-slate-100 px-5 py-3 text-sm">
        {search.after || search.before ? (
          <Link
            href={`/admin/subscriptions${searchQuery(search, { after: undefined, before: undefined })}`}
            className="font-medium text-brand-700 hover:underline"
          >
            First page
          </Link>
        ) : (
          <span />
        )}
        <span className="flex gap-4">
          {page.prev && (
            <Link
              rel="prev"
              href={`/admin/subscriptions${searchQuery(search, { before: page.prev, after: undefined })}`}
              className="font-medium text-brand-700 hover:underline"
            >
              Previous
            </Link>
          )}
          {page.next && (
            <Link
              rel="next"
              href={`/admin/subscriptions${searchQuery(search, { after: page.next, before: undefined })}`}
              className="font-medium text-brand-700 hover:underline"
            >
              Next
            </Link>
          )}
        </span>
      </nav>
    </section>
  );
}
