import Link from "next/link";
import { getDb } from "@/db";
import { listPendingActivations, type PendingActivation } from "@/db/queries/admin-overview";
import { date } from "@/components/format";
import { Card, EmptyNote } from "@/components/admin/card";
import { InlineApprove } from "./inline-approve";

// Microsoft's window to act on a pending purchase before it is cancelled.
const WINDOW_DAYS = 30;

/** What the purchase waits for, in words: the one thing that keeps it from being active. */
function blockedBy(r: PendingActivation): string {
  if (r.status === "NotStarted") return "Microsoft has not started the subscription yet";
  switch (r.provisioningState) {
    case "new":
      return "The buyer has not confirmed the purchase on the landing page";
    case "awaiting_approval":
      return "Waits for staff approval";
    case "activating":
      return "Activation sent; waiting for Microsoft to confirm";
    case "activation_failed":
      return `Microsoft did not activate it${r.activationError ? `: ${r.activationError}` : ""}`;
    default:
      return r.provisioningState;
  }
}

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

export async function PendingWidget({ canApprove, now = new Date() }: { canApprove: boolean; now?: Date }) {
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
            const approvable = r.provisioningState === "awaiting_approval" || r.provisioningState === "activation_failed";
            const name = r.name || r.id;
            return (
              <li key={r.id} className="space-y-2 py-3 text-sm">
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <Link href={`/admin/subscriptions/${r.id}`} className="block truncate font-medium text-brand-700 hover:underline">
                      {name}
                    </Link>
                    <p className="truncate text-xs text-slate-600">
                      <span title={`${r.offerId} · ${r.planId}`}>
                        {r.offerName ?? r.offerId} · {r.planName ?? r.planId}
                      </span>
                    </p>
                  </div>
                  <div className={`shrink-0 text-right text-xs ${tone}`}>
                    <span className="block font-medium">{left > 0 ? `${days(left)} left` : "past Microsoft's 30 days"}</span>
                    <span>since {date(r.since)}</span>
                  </div>
                </div>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
                  <dt className="text-slate-500">Purchased by</dt>
                  <dd className="min-w-0 break-all text-slate-700">
                    {r.purchaserTenantId ? (
                      <Link href={`/admin/customers/${r.purchaserTenantId}`} className="text-brand-700 hover:underline">
                        {r.purchaserEmail ?? r.purchaserTenantId}
                      </Link>
                    ) : (
                      (r.purchaserEmail ?? "unknown purchaser")
                    )}
                  </dd>
                  <dt className="text-slate-500">Waiting</dt>
                  <dd className="text-slate-700">{age === 0 ? "since today" : days(age)}</dd>
                  <dt className="text-slate-500">Blocked by</dt>
                  <dd className={r.provisioningState === "activation_failed" ? "text-red-700" : "text-slate-700"}>{blockedBy(r)}</dd>
                </dl>
                {approvable && canApprove && (
                  <InlineApprove subscriptionId={r.id} name={name} retry={r.provisioningState === "activation_failed"} />
                )}
                {approvable && !canApprove && <p className="text-xs text-slate-500">An operator or owner can approve it.</p>}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
