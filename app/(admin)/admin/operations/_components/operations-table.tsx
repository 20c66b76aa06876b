import Link from "next/link";
import type { MarketplaceOperation } from "@/db/schema";
import { dateTime } from "@/components/format";
import { TONE_STYLES } from "@/components/ui/status-tone";
import { TableScroll } from "@/components/ui/table";
import { operationTone } from "@/lib/status-tone";

function request(o: MarketplaceOperation): string {
  if (o.action === "ChangePlan" && o.requestedPlanId) return `→ ${o.requestedPlanId}`;
  if (o.action === "ChangeQuantity" && o.requestedQuantity !== null) return `→ ${o.requestedQuantity} seats`;
  return "";
}

export function OperationsTable({ rows, names }: { rows: MarketplaceOperation[]; names: Map<string, string> }) {
  return (
    <TableScroll label="Marketplace operations">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Marketplace operations</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Started
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Subscription
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Action
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Status
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              By
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Detail
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((o) => (
            <tr key={o.id} className="align-top">
              <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">{dateTime(o.createdAt)}</td>
              <td className="px-4 py-2.5">
                <Link href={`/admin/subscriptions/${o.subscriptionId}`} className="font-medium text-brand-700 hover:underline">
                  {names.get(o.subscriptionId) ?? o.subscriptionId}
                </Link>
              </td>
              <td className="px-4 py-2.5 text-slate-800">
                {o.action} <span className="text-slate-500">{request(o)}</span>
              </td>
              <td className={`px-4 py-2.5 font-medium ${TONE_STYLES[operationTone(o)].text}`}>
                {o.completedAt ? o.status : `${o.status} (open)`}
              </td>
              <td className="px-4 py-2.5 text-slate-600">{o.source === "Partner" ? (o.requestedBy ?? "Staff") : "Customer / Microsoft"}</td>
              <td className="max-w-md px-4 py-2.5 text-xs text-slate-600">
                {o.errorMessage && <p className="text-red-700">{o.errorMessage}</p>}
                <p className="font-mono text-slate-500">{o.id}</p>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
