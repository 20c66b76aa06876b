import type { DbOrTx } from "../db";
import { getSimulatorDb } from "../database";
import { listWebhookDeliveries, type WebhookDelivery } from "./queries";

const STATE_STYLES: Record<WebhookDelivery["state"], string> = {
  sending: "bg-sky-100 text-sky-900",
  retrying: "bg-amber-100 text-amber-900",
  delivered: "bg-emerald-100 text-emerald-900",
  rejected: "bg-orange-100 text-orange-900",
  failed: "bg-red-100 text-red-900",
};

const time = (d: Date | null) =>
  d
    ? d
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d+Z$/, "Z")
    : "—";

export async function WebhookDeliveryLog({ db, limit = 20, subscriptionId }: { db?: DbOrTx; limit?: number; subscriptionId?: string }) {
  const deliveries = await listWebhookDeliveries(db ?? (await getSimulatorDb()), { limit, subscriptionId });
  return <WebhookDeliveryTable deliveries={deliveries} />;
}

export function WebhookDeliveryTable({ deliveries }: { deliveries: WebhookDelivery[] }) {
  if (deliveries.length === 0) return <p className="text-sm text-slate-500">No webhook calls yet.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Webhook deliveries</caption>
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th scope="col" className="py-2 pr-4">
            Sent
          </th>
          <th scope="col" className="py-2 pr-4">
            Action
          </th>
          <th scope="col" className="py-2 pr-4">
            Subscription
          </th>
          <th scope="col" className="py-2 pr-4">
            State
          </th>
          <th scope="col" className="py-2 pr-4">
            Attempts
          </th>
          <th scope="col" className="py-2">
            Next attempt
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200 align-top">
        {deliveries.map((d) => (
          <tr key={d.id}>
            <td className="py-2 pr-4 whitespace-nowrap">{time(d.createdAt)}</td>
            <td className="py-2 pr-4">
              {d.action} <span className="text-slate-500">({d.payload.status})</span>
            </td>
            <td className="py-2 pr-4 font-mono text-xs">{d.subscriptionId}</td>
            <td className="py-2 pr-4">
              <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATE_STYLES[d.state]}`}>{d.state}</span>
            </td>
            <td className="py-2 pr-4">
              <details>
                <summary className="cursor-pointer">
                  {d.attempts}/{d.maxAttempts}
                  {d.lastStatusCode !== null ? ` · HTTP ${d.lastStatusCode}` : d.lastError ? " · no answer" : ""}
                </summary>
                <ol className="mt-1 space-y-1 text-xs text-slate-600">
                  {d.attemptLog.map((a) => (
                    <li key={a.id}>
                      #{a.attemptNumber} {time(a.startedAt)} ({a.durationMs} ms):{" "}
                      {a.statusCode !== null ? `HTTP ${a.statusCode}` : "no answer"}
                      {a.error ? ` · ${a.error}` : ""}
                      {a.responseSnippet ? <code className="block truncate text-slate-500">{a.responseSnippet}</code> : null}
                    </li>
                  ))}
                </ol>
              </details>
            </td>
            <td className="py-2 whitespace-nowrap">{time(d.nextAttemptAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
