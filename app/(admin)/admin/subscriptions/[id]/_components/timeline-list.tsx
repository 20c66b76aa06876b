import { getDb } from "@/db";
import { dateTime } from "@/components/format";
import { Card } from "@/components/admin/card";
import { TONE_STYLES } from "@/components/ui/status-tone";
import { loadTimeline } from "@/lib/subscriptions/timeline";

const SOURCES = { webhook: "Webhook", operation: "Operation", audit: "Audit" } as const;

export async function TimelineList({ subscriptionId }: { subscriptionId: string }) {
  const entries = await loadTimeline(await getDb(), subscriptionId);
  return (
    <Card title="Timeline">
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing has happened to this subscription yet.</p>
      ) : (
        <ol className="relative space-y-4 border-l border-slate-200 pl-5">
          {entries.map((e) => (
            <li key={e.key} className="relative">
              <span
                aria-hidden="true"
                className={`absolute -left-[25px] top-1.5 h-2.5 w-2.5 rounded-full ring-4 ring-white ${TONE_STYLES[e.tone].dot}`}
              />
              <p className="text-sm font-medium text-slate-900">{e.title}</p>
              <p className="text-xs text-slate-500">
                <time dateTime={e.at.toISOString()}>{dateTime(e.at)}</time> · {SOURCES[e.source]}
                {e.actor ? ` · ${e.actor}` : ""}
              </p>
              {e.detail && <p className="mt-0.5 break-words text-sm text-slate-700">{e.detail}</p>}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
