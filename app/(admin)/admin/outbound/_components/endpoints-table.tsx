import Link from "next/link";
import { EmptyNote } from "@/components/admin/card";
import { TableScroll } from "@/components/ui/table";
import type { OutboundEndpoint } from "@/db/schema";
import { DELIVERY_STATUS_LABELS, EnabledBadge } from "./delivery-status";

export type DeliveryCounts = Record<string, Partial<Record<string, number>>>;

export function EndpointsTable({ endpoints, counts }: { endpoints: OutboundEndpoint[]; counts: DeliveryCounts }) {
  if (endpoints.length === 0) return <EmptyNote>No endpoints yet. Events are sent nowhere until an owner adds one.</EmptyNote>;
  return (
    <TableScroll label="Endpoints">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="text-left text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Endpoint
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Events
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              State
            </th>
            <th scope="col" className="py-2 font-medium">
              Deliveries
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {endpoints.map((e) => (
            <tr key={e.id} className="align-top">
              <th scope="row" className="py-3 pr-4 text-left font-normal">
                <Link href={`/admin/outbound/${e.id}`} className="break-all font-medium text-brand-700 hover:underline">
                  {e.url}
                </Link>
                {e.description && <span className="block text-xs text-slate-500">{e.description}</span>}
              </th>
              <td className="py-3 pr-4 text-xs text-slate-600">{e.eventTypes.join(", ")}</td>
              <td className="py-3 pr-4">
                <EnabledBadge enabled={e.enabled} />
              </td>
              <td className="py-3 text-xs text-slate-600">
                {Object.entries(counts[e.id] ?? {})
                  .map(([status, n]) => `${DELIVERY_STATUS_LABELS[status] ?? status} ${n}`)
                  .join(" · ") || "none yet"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
