import type { SubscriptionsPageData } from "@/lib/simulator/storefront/views";

const STATE_STYLE: Record<string, string> = {
  delivered: "text-emerald-700",
  rejected: "text-orange-700",
  failed: "text-red-700",
  retrying: "text-amber-700",
  sending: "text-sky-700",
};

/** Every webhook call the simulator made to the portal, newest first. */
export function DeliveryLog({ deliveries }: { deliveries: SubscriptionsPageData["deliveries"] }) {
  if (deliveries.length === 0) return <p className="text-sm text-slate-600">No webhook has been sent yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Webhook deliveries, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">Sent</th>
            <th scope="col" className="px-3 py-2">Action</th>
            <th scope="col" className="px-3 py-2">Subscription</th>
            <th scope="col" className="px-3 py-2">Outcome</th>
            <th scope="col" className="px-3 py-2">Attempts</th>
            <th scope="col" className="px-3 py-2">Last answer</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {deliveries.map((d) => (
            <tr key={d.id}>
              <td className="whitespace-nowrap px-3 py-2 text-slate-600">
                <time dateTime={d.createdAt}>{d.createdAt.replace("T", " ").slice(0, 19)}Z</time>
              </td>
              <td className="px-3 py-2 font-medium text-slate-900">{d.action}</td>
              <td className="px-3 py-2 font-mono text-xs text-slate-600">{d.subscriptionId}</td>
              <td className={`px-3 py-2 font-medium ${STATE_STYLE[d.state] ?? "text-slate-700"}`}>{d.state}</td>
              <td className="px-3 py-2 text-slate-600">{d.attempts}</td>
              <td className="px-3 py-2 text-slate-600">{d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? "—")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
