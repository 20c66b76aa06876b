import Link from "next/link";
import type { ReactNode } from "react";
import type { Subscription } from "@/db/schema";
import { StatusBadge } from "@/components/ui/status-badge";
import { TableScroll } from "@/components/ui/table";

/** What a row shows of its subscription; catalogue names, when the page has them, stand in for the IDs. */
export interface SubscriptionRowData {
  subscription: Subscription;
  offerName?: string | null;
  planName?: string | null;
}

/** A column a page adds after name, status, offer · plan and seats. */
export interface SubscriptionColumn<R> {
  header: string;
  numeric?: boolean;
  /** Classes of the cell besides its padding. */
  className?: string;
  cell: (row: R) => ReactNode;
}

const th = "px-4 py-2.5 font-medium";

/** The subscriptions list and a customer's subscriptions: one row layout, so both pages show a subscription alike. */
export function SubscriptionTable<R extends SubscriptionRowData>({
  label,
  caption,
  rows,
  columns,
}: {
  label: string;
  caption: string;
  rows: R[];
  columns: SubscriptionColumn<R>[];
}) {
  return (
    <TableScroll label={label}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            {["Name", "Status", "Offer · plan"].map((h) => (
              <th key={h} scope="col" className={th}>
                {h}
              </th>
            ))}
            <th scope="col" className={`${th} text-right`}>
              Seats
            </th>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.numeric ? `${th} text-right` : th}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => {
            const s = r.subscription;
            const named = r.offerName != null || r.planName != null;
            return (
              <tr key={s.id} className="hover:bg-slate-50">
                <td className="px-4 py-2.5">
                  <Link href={`/admin/subscriptions/${s.id}`} className="font-medium text-brand-700 hover:underline">
                    {s.name || s.id}
                  </Link>
                  <span className="ml-2 inline-flex gap-1">
                    {s.isTest && <span className="rounded bg-violet-50 px-1.5 text-xs text-violet-700">test</span>}
                    {s.isFreeTrial && <span className="rounded bg-emerald-50 px-1.5 text-xs text-emerald-700">trial</span>}
                  </span>
                </td>
                <td className="px-4 py-2.5">
                  <StatusBadge status={s.status} />
                </td>
                <td className="px-4 py-2.5 text-slate-700">
                  {named ? (
                    <span title={`${s.offerId} · ${s.planId}`}>
                      {r.offerName ?? s.offerId} · {r.planName ?? s.planId}
                    </span>
                  ) : (
                    `${s.offerId} · ${s.planId}`
                  )}
                </td>
                <td className="px-4 py-2.5 text-right tabular-nums">{s.quantity ?? "—"}</td>
                {columns.map((c) => (
                  <td key={c.header} className={`px-4 py-2.5 ${c.numeric ? "text-right tabular-nums " : ""}${c.className ?? ""}`}>
                    {c.cell(r)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
