const TONES: Record<string, string> = {
  pending: "bg-amber-50 text-amber-800 ring-amber-600/20",
  delivering: "bg-sky-50 text-sky-800 ring-sky-600/20",
  succeeded: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  failed: "bg-red-50 text-red-800 ring-red-600/20",
};
export const DELIVERY_STATUS_LABELS: Record<string, string> = {
  pending: "Pending",
  delivering: "Sending",
  succeeded: "Delivered",
  failed: "Failed",
};

export function DeliveryStatus({ status }: { status: string }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status] ?? TONES.pending}`}
    >
      {DELIVERY_STATUS_LABELS[status] ?? status}
    </span>
  );
}

export function EnabledBadge({ enabled }: { enabled: boolean }) {
  return enabled ? (
    <span className="inline-flex items-center rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-600/20">
      Enabled
    </span>
  ) : (
    <span className="inline-flex items-center rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-500/20">
      Disabled
    </span>
  );
}
