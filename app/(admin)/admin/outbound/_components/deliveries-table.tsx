import Link from "next/link";
import { EmptyNote } from "@/components/admin/card";
import { dateTime } from "@/components/format";
import type { DeliveryListRow } from "@/db/queries/outbound";
import { DeliveryStatus } from "./delivery-status";
import { TableScroll } from "@/components/ui/table";

/** The delivery log: newest first, one row per event and endpoint, with the last attempt's answer. */
export function DeliveriesTable({ rows, showEndpoint, nextPage }: { rows: DeliveryListRow[]; showEndpoint: boolean; nextPage?: string }) {
  if (rows.length === 0) return <EmptyNote>No deliveries match.</EmptyNote>;
  return (
    <div className="space-y-3">
      <TableScroll label="Deliveries">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="text-left text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">
                Event
              </th>
              {showEndpoint && (
                <th scope="col" className="py-2 pr-4 font-medium">
                  Endpoint
                </th>
              )}
              <th scope="col" className="py-2 pr-4 font-medium">
                Status
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Attempts
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Last answer
              </th>
              <th scope="col" className="py-2 font-medium">
                Created
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((d) => (
              <tr key={d.id} className="align-top">
                <th scope="row" className="py-2.5 pr-4 text-left font-normal">
                  <Link href={`/admin/outbound/deliveries/${d.id}`} className="font-medium text-brand-700 hover:underline">
                    {d.eventType}
                  </Link>
                  {d.auditEventId !== null && <span className="block text-xs text-slate-500">audit #{d.auditEventId}</span>}
                </th>
                {showEndpoint && <td className="max-w-xs break-all py-2.5 pr-4 text-xs text-slate-600">{d.endpointUrl}</td>}
                <td className="py-2.5 pr-4">
                  <DeliveryStatus status={d.status} />
                  {d.status === "pending" && d.attempts > 0 && (
                    <span className="block text-xs text-slate-500">next {dateTime(d.nextAttemptAt)}</span>
                  )}
                </td>
                <td className="py-2.5 pr-4 tabular-nums">
                  {d.attempts}
                  {d.replays > 0 && (
                    <span className="text-xs text-slate-500">
                      {" "}
                      ({d.replays} replay{d.replays === 1 ? "" : "s"})
                    </span>
                  )}
                </td>
                <td className="py-2.5 pr-4 text-xs text-slate-600">
                  {d.lastAttemptAt ? (d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : d.lastError) : "—"}
                  {d.lastDurationMs !== null && d.lastAttemptAt && <span className="text-slate-500"> · {d.lastDurationMs} ms</span>}
                </td>
                <td className="py-2.5 text-xs text-slate-600">{dateTime(d.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {nextPage && (
        <Link href={nextPage} className="inline-block text-sm font-medium text-brand-700 hover:underline">
          Older deliveries →
        </Link>
      )}
    </div>
  );
}
