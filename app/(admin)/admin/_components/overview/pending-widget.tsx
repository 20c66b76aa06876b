import Link from "next/link";
import { getDb } from "@/db";
import { listPendingActivations } from "@/db/queries/admin-overview";
import { date } from "@/components/format";
import { Card, EmptyNote } from "@/components/admin/card";

// Microsoft's window to act on a pending purchase before it is cancelled.
const WINDOW_DAYS = 30;
const STATE_NOTES: Record<string, string> = {
  new: "buyer has not confirmed yet",
  awaiting_approval: "waiting for staff approval",
  activating: "activating",
  activation_failed: "activation failed, retry needed",
};

export async function PendingWidget({ now = new Date() }: { now?: Date }) {
  const { rows, total } = await listPendingActivations(await getDb(), 8);
  return (
    <Card
      title={`Pending activations (${total})`}
      action={
        total > rows.length ? (
          <Link
            href="/admin/subscriptions?status=PendingFulfillmentStart&sort=created&dir=asc"
            className="text-sm font-medium text-brand-700 hover:underline"
          >
            All {total}
          </Link>
        ) : undefined
      }
    >
      {rows.length === 0 ? (
        <EmptyNote>No purchases are waiting for activation.</EmptyNote>
      ) : (
        <ul className="divide-y divide-slate-100">
          {rows.map((r) => {
            const age = Math.floor((now.getTime() - r.since.getTime()) / 86_400_000);
            const left = WINDOW_DAYS - age;
            const tone = left <= 5 ? "text-red-700" : left <= 10 ? "text-amber-700" : "text-slate-600";
            return (
              <li key={r.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                <div className="min-w-0">
                  <Link href={`/admin/subscriptions/${r.id}`} className="block truncate font-medium text-brand-700 hover:underline">
                    {r.name || r.id}
                  </Link>
                  <p className="truncate text-xs text-slate-500">
                    {r.offerId} · {r.planId} · {r.purchaserEmail ?? "unknown purchaser"} ·{" "}
                    {STATE_NOTES[r.provisioningState] ?? r.provisioningState}
                  </p>
                </div>
                <div className={`shrink-0 text-right text-xs ${tone}`}>
                  <span className="block font-medium">{age === 0 ? "today" : `${age} day${age === 1 ? "" : "s"} old`}</span>
                  <span title={`since ${date(r.since)}`}>
                    {left > 0 ? `${left} day${left === 1 ? "" : "s"} left` : "past Microsoft's 30 days"}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
