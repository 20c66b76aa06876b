import type { SyncRun } from "@/db/schema";
import { dateTime } from "@/components/format";
import { TableScroll } from "@/components/ui/table";

const TONE = { running: "text-brand-700", succeeded: "text-emerald-700", failed: "text-red-700" } as const;

export function RunsTable({ runs }: { runs: SyncRun[] }) {
  return (
    <TableScroll label="Recent sync runs">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Recent sync runs</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Started
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              By
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Status
            </th>
            <th scope="col" className="px-4 py-2.5 text-right font-medium">
              Pages
            </th>
            <th scope="col" className="px-4 py-2.5 text-right font-medium">
              Read
            </th>
            <th scope="col" className="px-4 py-2.5 text-right font-medium">
              Imported
            </th>
            <th scope="col" className="px-4 py-2.5 text-right font-medium">
              With drift
            </th>
            <th scope="col" className="px-4 py-2.5 text-right font-medium">
              Seconds
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((r) => (
            <tr key={r.id}>
              <td className="whitespace-nowrap px-4 py-2.5 text-slate-700">{dateTime(r.startedAt)}</td>
              <td className="px-4 py-2.5 text-slate-700">{r.trigger === "scheduled" ? "Schedule" : (r.startedBy ?? "Staff")}</td>
              <td className={`px-4 py-2.5 font-medium ${TONE[r.status]}`} title={r.error ?? undefined}>
                {r.status}
              </td>
              <td className="px-4 py-2.5 text-right tabular-nums">{r.pages}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">{r.seen.toLocaleString("en-US")}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">{r.imported.toLocaleString("en-US")}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">{r.drifted.toLocaleString("en-US")}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">
                {r.finishedAt ? ((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000).toFixed(1) : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
