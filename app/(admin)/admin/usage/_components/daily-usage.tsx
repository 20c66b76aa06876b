import type { usageOverview } from "@/lib/metering";
import { EmptyNote } from "@/components/admin/card";
import { TableScroll } from "@/components/ui/table";
import { DailyUsageChart, type DailyPoint } from "./daily-usage-chart";
import { quantity } from "./usage-status";

type DailyUsage = Awaited<ReturnType<typeof usageOverview>>["daily"][number];

/** Every UTC day of the span, oldest first, so days without usage show as gaps. */
function series(rows: DailyUsage[], dimension: string, days: number, now: Date): DailyPoint[] {
  const byDay = new Map(rows.filter((r) => r.dimension === dimension).map((r) => [r.day, r]));
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    const r = byDay.get(day);
    return {
      day,
      included: r?.included ?? 0,
      reported: r?.reported ?? 0,
      other: r ? Math.max(0, r.quantity - r.included - r.reported) : 0,
    };
  });
}

export function DailyUsageSection({ rows, days, now }: { rows: DailyUsage[]; days: number; now: Date }) {
  if (rows.length === 0) return <EmptyNote>No usage in the last {days} days.</EmptyNote>;
  const dimensions = [...new Set(rows.map((r) => r.dimension))].sort();
  return (
    <div className="space-y-6">
      <div className="grid gap-4 lg:grid-cols-2">
        {dimensions.map((d) => {
          const total = rows.filter((r) => r.dimension === d).reduce((n, r) => n + r.quantity, 0);
          return (
            <div key={d}>
              <h3 className="mb-1 font-mono text-xs font-medium text-slate-700">{d}</h3>
              <DailyUsageChart
                data={series(rows, d, days, now)}
                label={`${d} per day over the last ${days} days: ${quantity(total)} in all`}
              />
            </div>
          );
        })}
      </div>
      <TableScroll label="Usage per day and dimension" className="max-h-96 overflow-y-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Usage per UTC day and dimension</caption>
          <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Day (UTC)
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Dimension
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
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={`${r.day}-${r.dimension}`}>
                <td className="whitespace-nowrap px-3 py-2 text-slate-600">{r.day}</td>
                <td className="px-3 py-2 font-mono text-xs text-slate-800">{r.dimension}</td>
                <td className="px-3 py-2 text-right tabular-nums">{quantity(r.quantity)}</td>
                <td className="px-3 py-2 text-right tabular-nums text-slate-600">{quantity(r.included)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{quantity(r.reported)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
