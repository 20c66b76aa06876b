import { getFormatter, getTranslations } from "next-intl/server";
import type { ActivityEntry } from "@/lib/subscriptions/buyer-activity";

/** The subscription's history in plain words, newest first (from the audit rows). */
export async function ActivityList({ entries }: { entries: ActivityEntry[] }) {
  const [t, format] = await Promise.all([getTranslations("Activity"), getFormatter()]);
  if (entries.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ol className="divide-y divide-slate-100">
      {entries.map((e) => (
        <li key={e.id} className="py-2.5 text-sm">
          <p className="font-medium text-slate-900">{t(e.kind, { value: e.value ?? "—" })}</p>
          <p className="text-xs text-slate-600">
            {t("by", { who: e.who })} ·{" "}
            <time dateTime={e.at.toISOString()}>{format.dateTime(e.at, { dateStyle: "medium", timeStyle: "short" })}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}
