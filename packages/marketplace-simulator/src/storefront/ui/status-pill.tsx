const STYLES: Record<string, string> = {
  PendingFulfillmentStart: "bg-amber-50 text-amber-800 ring-amber-200",
  Subscribed: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  Suspended: "bg-orange-50 text-orange-800 ring-orange-200",
  Unsubscribed: "bg-slate-100 text-slate-600 ring-slate-200",
  InProgress: "bg-sky-50 text-sky-800 ring-sky-200",
  NotStarted: "bg-slate-50 text-slate-700 ring-slate-200",
  Succeeded: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  Failed: "bg-red-50 text-red-800 ring-red-200",
  Conflict: "bg-red-50 text-red-800 ring-red-200",
};

/** Microsoft's status names, shown as they are so they match what the API returns. */
export function StatusPill({ status }: { status: string }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STYLES[status] ?? "bg-slate-100 text-slate-700 ring-slate-200"}`}
    >
      {status}
    </span>
  );
}
