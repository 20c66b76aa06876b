import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import {
  countInboxByState,
  countOperationViews,
  getSubscriptionNames,
  listAdminInbox,
  listAdminOperations,
} from "@/db/queries/admin-operations";
import { inboxState, operationAction } from "@/db/schema";
import { Card, EmptyNote } from "@/components/admin/card";
import { LiveRefresh } from "@/components/admin/live-refresh";
import { requireStaff } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/staff";
import { FilterLinks } from "./_components/filter-links";
import { InboxTable } from "./_components/inbox-table";
import { OperationsTable } from "./_components/operations-table";
import { operationsQuery, parseOperationsSearch } from "./search-params";

export const metadata: Metadata = { title: "Operations" };

const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm";

export default async function OperationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const s = parseOperationsSearch(await searchParams);
  const staff = await requireStaff("viewer", { path: `/admin/operations${operationsQuery(s)}` });
  const db = await getDb();
  const [ops, inbox, opCounts, stateCounts] = await Promise.all([
    listAdminOperations(db, { view: s.view, action: s.action, subscriptionId: s.subscription, after: s.opAfter, limit: 25 }),
    listAdminInbox(db, { state: s.state, action: s.action, subscriptionId: s.subscription, after: s.inboxAfter, limit: 25 }),
    countOperationViews(db),
    countInboxByState(db),
  ]);
  const names = await getSubscriptionNames(db, [...ops.rows.map((o) => o.subscriptionId), ...inbox.rows.map((r) => r.subscriptionId)]);
  const href = (changes: Parameters<typeof operationsQuery>[1]) => `/admin/operations${operationsQuery(s, changes)}`;
  const total = Object.values(stateCounts).reduce((a, b) => a + (b ?? 0), 0);
  return (
    <div className="space-y-6">
      <LiveRefresh />
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Operations and webhooks</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Changes Microsoft is still working on or refused, and every webhook call Microsoft made. A call that failed or was dead-lettered
          can be replayed once the cause is fixed.
        </p>
      </div>
      <form
        method="get"
        action="/admin/operations"
        role="search"
        aria-label="Filter operations and webhooks"
        className="grid gap-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 md:grid-cols-4"
      >
        <input type="hidden" name="view" value={s.view} />
        {s.state && <input type="hidden" name="state" value={s.state} />}
        <div className="md:col-span-2">
          <label htmlFor="subscription" className="block text-sm font-medium text-slate-700">
            Subscription ID
          </label>
          <input
            id="subscription"
            name="subscription"
            defaultValue={s.subscription}
            placeholder="00000000-0000-0000-0000-000000000000"
            className={field}
          />
        </div>
        <div>
          <label htmlFor="action" className="block text-sm font-medium text-slate-700">
            Action
          </label>
          <select id="action" name="action" defaultValue={s.action ?? ""} className={field}>
            <option value="">All actions</option>
            {operationAction.enumValues.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-3">
          <button
            type="submit"
            className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
          >
            Apply
          </button>
          <Link href="/admin/operations" className="text-sm font-medium text-slate-600 hover:underline">
            Clear
          </Link>
        </div>
      </form>
      <Card
        title="Marketplace operations"
        action={
          <FilterLinks
            label="Operations shown"
            items={[
              { href: href({ view: "open", opAfter: undefined }), text: `In flight (${opCounts.open})`, current: s.view === "open" },
              { href: href({ view: "failed", opAfter: undefined }), text: `Failed (${opCounts.failed})`, current: s.view === "failed" },
              { href: href({ view: "all", opAfter: undefined }), text: "All", current: s.view === "all" },
            ]}
          />
        }
      >
        {ops.rows.length === 0 ? <EmptyNote>No operations match.</EmptyNote> : <OperationsTable rows={ops.rows} names={names} />}
        {ops.next && (
          <Link
            rel="next"
            href={href({ opAfter: ops.next })}
            className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline"
          >
            Older operations
          </Link>
        )}
      </Card>
      <Card
        title="Webhook inbox"
        action={
          <FilterLinks
            label="Webhook calls shown"
            items={[
              { href: href({ state: undefined, inboxAfter: undefined }), text: `All (${total})`, current: !s.state },
              ...inboxState.enumValues.map((st) => ({
                href: href({ state: st, inboxAfter: undefined }),
                text: `${st.replace("_", " ")} (${stateCounts[st] ?? 0})`,
                current: s.state === st,
              })),
            ]}
          />
        }
      >
        {inbox.rows.length === 0 ? (
          <EmptyNote>No webhook calls match.</EmptyNote>
        ) : (
          <InboxTable rows={inbox.rows} names={names} canReplay={hasRole(staff.role, "operator")} />
        )}
        {inbox.next && (
          <Link
            rel="next"
            href={href({ inboxAfter: inbox.next })}
            className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline"
          >
            Older calls
          </Link>
        )}
      </Card>
    </div>
  );
}
