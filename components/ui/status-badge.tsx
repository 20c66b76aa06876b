import { STATUS_LABELS } from "@/components/format";
import type { SaasSubscriptionStatus } from "@/lib/marketplace/enums";

const TONES: Record<string, string> = {
  Subscribed: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  PendingFulfillmentStart: "bg-amber-50 text-amber-800 ring-amber-600/20",
  NotStarted: "bg-amber-50 text-amber-800 ring-amber-600/20",
  Suspended: "bg-orange-50 text-orange-800 ring-orange-600/20",
  Unsubscribed: "bg-slate-100 text-slate-700 ring-slate-500/20",
} satisfies Record<SaasSubscriptionStatus, string>;

/** `label`: the status in the page's language (buyer pages); staff pages show the English one. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status] ?? TONES.Unsubscribed}`}
    >
      {label ?? STATUS_LABELS[status] ?? status}
    </span>
  );
}
