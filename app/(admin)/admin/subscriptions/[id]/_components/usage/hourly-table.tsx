import type { UsageHour } from "@/db/schema";
import { EmptyNote } from "@/components/admin/card";
import { TableScroll } from "@/components/ui/table";
import { hourRange, quantity, UsageStatus } from "@/app/(admin)/admin/usage/_components/usage-status";

/** Every hour with usage, newest first: what was included, what was reported and Microsoft's answer. */
export function HourlyTable({ hours }: { hours: UsageHour[] }) {
  if (hours.length === 0) return <EmptyNote>No usage recorded yet.</EmptyNote>;
  // Scrolls by itself where the column is narrow: focusable, so keyboard users can scroll it too.
  return (
    <TableScroll label="Usage per hour and dimension">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Usage per hour and dimension</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Hour
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Dimension
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Used
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Included
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Reported
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Microsoft usage event ID
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Last error
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {hours.map((h) => (
            <tr key={`${h.dimension}-${h.hour.toISOString()}`} className="align-top">
              <td className="whitespace-nowrap px-3 py-2 text-slate-600">{hourRange(h.hour)}</td>
              <td className="px-3 py-2 font-mono text-xs text-slate-800">{h.dimension}</td>
              <td className="px-3 py-2">
                <UsageStatus status={h.status} />
                {h.attempts > 1 && <span className="ml-1 text-xs text-slate-500">({h.attempts} attempts)</span>}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">
                {quantity(h.quantity)}
                {h.lateQuantity > 0 && <span className="block text-xs text-slate-500">+{quantity(h.lateQuantity)} late, moved on</span>}
              </td>
              <td className="px-3 py-2 text-right tabular-nums text-slate-600">{quantity(h.includedQuantity)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{quantity(h.reportedQuantity)}</td>
              <td className="px-3 py-2 font-mono text-xs text-slate-600">{h.marketplaceUsageEventId ?? "—"}</td>
              <td className="max-w-xs px-3 py-2 text-xs text-red-800">{h.lastError ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
