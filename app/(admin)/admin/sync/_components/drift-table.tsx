import Link from "next/link";
import type { DriftGroup } from "@/db/queries/sync";
import { dateTime } from "@/components/format";
import { TableScroll } from "@/components/ui/table";
import { DRIFT_LABELS, isDriftField } from "@/lib/sync/drift-fields";
import { AcceptDriftForm } from "./accept-drift-forms";

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.join(", ") || "—";
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return `${value.slice(0, 10)} ${value.slice(11, 16)} UTC`;
  return String(value);
}

/** Our value next to Microsoft's, field by field, for each subscription that differs. */
export function DriftTable({ groups, canAccept }: { groups: DriftGroup[]; canAccept: boolean }) {
  return (
    <TableScroll label="Fields that differ from Microsoft's">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Fields where our copy differs from Microsoft&apos;s</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Subscription
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Field
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Ours
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Microsoft&apos;s
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Since
            </th>
            {canAccept && (
              <th scope="col" className="px-4 py-2.5 font-medium">
                <span className="sr-only">Accept</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {groups.flatMap((g) =>
            g.drifts.map((d, i) => (
              <tr key={`${g.subscriptionId}-${d.field}`} className="align-top">
                {i === 0 && (
                  <th scope="row" rowSpan={g.drifts.length} className="px-4 py-2.5 text-left font-normal">
                    <Link href={`/admin/subscriptions/${g.subscriptionId}`} className="font-medium text-brand-700 hover:underline">
                      {g.name || g.subscriptionId}
                    </Link>
                    <span className="block text-xs text-slate-500">
                      {g.offerId} · {g.planId}
                    </span>
                  </th>
                )}
                <td className="px-4 py-2.5 text-slate-700">{isDriftField(d.field) ? DRIFT_LABELS[d.field] : d.field}</td>
                <td className="px-4 py-2.5 font-mono text-xs text-slate-800">{show(d.localValue)}</td>
                <td className="px-4 py-2.5 font-mono text-xs text-slate-800">{show(d.marketplaceValue)}</td>
                <td className="whitespace-nowrap px-4 py-2.5 text-slate-500">{dateTime(d.detectedAt)}</td>
                {canAccept && i === 0 && (
                  <td rowSpan={g.drifts.length} className="px-4 py-2.5">
                    <AcceptDriftForm subscriptionId={g.subscriptionId} name={g.name || g.subscriptionId} />
                  </td>
                )}
              </tr>
            )),
          )}
        </tbody>
      </table>
    </TableScroll>
  );
}
