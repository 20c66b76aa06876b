import Link from "next/link";
import { getDb } from "@/db";
import { getProblemSummary } from "@/db/queries/admin-overview";
import { dateTime } from "@/components/format";
import { Card, EmptyNote } from "@/components/admin/card";

/** What needs a look: operations Microsoft failed, and webhook calls the portal could not process. */
export async function ProblemsWidget() {
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request: now is the request's time
  const p = await getProblemSummary(await getDb(), new Date(Date.now() - 30 * 86_400_000));
  return (
    <Card title="Failed operations and webhook errors">
      {p.failedOperations + p.webhookErrors === 0 ? (
        <EmptyNote>No failed operations in the last 30 days and no webhook errors.</EmptyNote>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <h3 className="text-sm font-medium text-slate-700">Failed operations, 30 days ({p.failedOperations})</h3>
            <ul className="mt-2 space-y-2 text-sm">
              {p.latestFailedOperations.map((o) => (
                <li key={o.id}>
                  <Link href={`/admin/subscriptions/${o.subscriptionId}`} className="font-medium text-brand-700 hover:underline">
                    {o.action} · {o.status}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {dateTime(o.at)}
                    {o.errorMessage ? ` · ${o.errorMessage}` : ""}
                  </p>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3 className="text-sm font-medium text-slate-700">Webhook errors ({p.webhookErrors})</h3>
            <ul className="mt-2 space-y-2 text-sm">
              {p.latestWebhookErrors.map((w) => (
                <li key={w.id}>
                  <Link href={`/admin/subscriptions/${w.subscriptionId}`} className="font-medium text-brand-700 hover:underline">
                    {w.action} · {w.state.replace("_", " ")}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {dateTime(w.receivedAt)}
                    {w.lastError || w.stateReason ? ` · ${w.lastError ?? w.stateReason}` : ""}
                  </p>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </Card>
  );
}
