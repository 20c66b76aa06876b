import type { UsageHour } from "@/db/schema";

const LABEL: Record<UsageHour["status"], [label: string, tone: string]> = {
  open: ["Open", "bg-slate-100 text-slate-700"],
  ready: ["Ready to send", "bg-amber-50 text-amber-800"],
  submitting: ["Sending", "bg-amber-50 text-amber-800"],
  accepted: ["Accepted", "bg-emerald-50 text-emerald-800"],
  duplicate: ["Accepted (duplicate)", "bg-emerald-50 text-emerald-800"],
  nothing_to_report: ["Included", "bg-slate-100 text-slate-700"],
  expired: ["Expired", "bg-red-50 text-red-800"],
  rejected: ["Rejected", "bg-red-50 text-red-800"],
  failed: ["Failed", "bg-red-50 text-red-800"],
};

/** An hour's reporting status; "duplicate" means Microsoft had already billed it, which is success. */
export function UsageStatus({ status }: { status: UsageHour["status"] }) {
  const [label, tone] = LABEL[status] ?? [status, "bg-slate-100 text-slate-700"];
  return <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${tone}`}>{label}</span>;
}

/** Hours as the dashboard shows them: the UTC clock hour they cover. */
export function hourRange(hour: Date): string {
  const iso = hour.toISOString();
  const end = new Date(hour.getTime() + 3_600_000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}–${end.slice(11, 16)} UTC`;
}

export const quantity = (n: number) => new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 }).format(n);
