import Link from "next/link";
import type { WebhookInboxRow } from "@/db/schema";
import { dateTime } from "@/components/format";
import { ToneBadge } from "@/components/ui/status-badge";
import { TableScroll } from "@/components/ui/table";
import { webhookTone } from "@/lib/status-tone";
import { ReplayForm } from "./replay-form";

/** Only a call that failed or was dead-lettered is worth replaying: queued ones belong to the worker, handled ones are done. */
const replayable = (r: WebhookInboxRow) => r.state === "failed" || r.state === "dead_letter";

export function InboxTable({ rows, names, canReplay }: { rows: WebhookInboxRow[]; names: Map<string, string>; canReplay: boolean }) {
  return (
    <TableScroll label="Webhook calls">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Webhook calls received from Microsoft</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Received
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Subscription
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Action
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              State
            </th>
            <th scope="col" className="px-4 py-2.5 text-right font-medium">
              Attempts
            </th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              Why
            </th>
            {canReplay && (
              <th scope="col" className="px-4 py-2.5 font-medium">
                <span className="sr-only">Replay</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => {
            const id = r.subscriptionId.toLowerCase();
            return (
              <tr key={r.id} className="align-top">
                <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">{dateTime(r.receivedAt)}</td>
                <td className="px-4 py-2.5">
                  <Link href={`/admin/subscriptions/${id}`} className="font-medium text-brand-700 hover:underline">
                    {names.get(id) ?? r.subscriptionId}
                  </Link>
                </td>
                <td className="px-4 py-2.5 text-slate-800">
                  {r.action}
                  {r.decision && <span className="ml-1 text-xs text-slate-500">({r.decision})</span>}
                </td>
                <td className="px-4 py-2.5">
                  <ToneBadge tone={webhookTone(r)}>{r.state.replace("_", " ")}</ToneBadge>
                </td>
                <td className="px-4 py-2.5 text-right tabular-nums">{r.attempts}</td>
                <td className="max-w-md px-4 py-2.5 text-xs text-slate-600" title={`Operation ${r.operationId}`}>
                  {r.lastError ?? r.stateReason ?? ""}
                </td>
                {canReplay && (
                  <td className="px-4 py-2.5">
                    {replayable(r) && <ReplayForm inboxId={r.id} call={`${r.action} of ${dateTime(r.receivedAt)}`} />}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
