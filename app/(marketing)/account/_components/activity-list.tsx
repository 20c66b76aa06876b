import { getFormatter, getTranslations } from "next-intl/server";
import type { ActivityEntry } from "@/lib/subscriptions/buyer-activity";

const SEATS = new Set<ActivityEntry["kind"]>(["seatsRequested", "seatsChanged"]);
const PLANS = new Set<ActivityEntry["kind"]>(["planRequested", "planChanged"]);

// Times in UTC, and saying so: the server renders them and does not know the buyer's time zone.
const WHEN = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
} as const;

/** The subscription's history in plain words, newest first (from the audit rows). */
export async function ActivityList({ entries, planName }: { entries: ActivityEntry[]; planName: (planId: string) => string }) {
  const [t, format] = await Promise.all([getTranslations("Activity"), getFormatter()]);
  if (entries.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  // Seat counts in the buyer's number format, plans by their names.
  const shown = (e: ActivityEntry) => {
    if (e.value === null) return "—";
    if (SEATS.has(e.kind) && Number.isFinite(Number(e.value))) return format.number(Number(e.value));
    return PLANS.has(e.kind) ? planName(e.value) : e.value;
  };
  return (
    <ol className="divide-y divide-slate-100">
      {entries.map((e) => (
        <li key={e.id} className="py-2.5 text-sm">
          <p className="font-medium text-slate-900">{t(e.kind, { value: shown(e) })}</p>
          <p className="text-xs text-slate-600">
            {t("by", { who: e.who })} · <time dateTime={e.at.toISOString()}>{format.dateTime(e.at, WHEN)}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}
