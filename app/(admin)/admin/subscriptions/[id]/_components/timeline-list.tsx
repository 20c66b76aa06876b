import { getDb } from "@/db";
import { dateTime } from "@/components/format";
import { Card } from "@/components/admin/card";
import { TONE_STYLES } from "@/components/ui/status-tone";
import { loadTimeline, type PlanName } from "@/lib/subscriptions/timeline";

const KINDS = { webhook: "Webhook", operation: "Operation", audit: "Audit" } as const;

/** One entry per change in plain words; the webhook, operation and audit rows behind it are folded inside. */
export async function TimelineList({ subscriptionId, planName }: { subscriptionId: string; planName: PlanName }) {
  const entries = await loadTimeline(await getDb(), subscriptionId, planName);
  return (
    <Card title="Timeline">
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing has happened to this subscription yet.</p>
      ) : (
        <ol className="relative space-y-5 border-l border-slate-200 pl-5">
          {entries.map((e) => (
            <li key={e.key} className="relative">
              <span
                aria-hidden="true"
                className={`absolute -left-[25px] top-1.5 h-2.5 w-2.5 rounded-full ring-4 ring-white ${TONE_STYLES[e.tone].dot}`}
              />
              <p className="break-words text-sm font-medium text-slate-900">{e.title}</p>
              <p className="text-xs text-slate-500">
                <time dateTime={e.at.toISOString()}>{dateTime(e.at)}</time>
              </p>
              {e.detail && <p className="mt-0.5 break-words text-sm text-slate-700">{e.detail}</p>}
              {e.records.length > 0 && (
                <details className="mt-1 text-xs">
                  <summary className="cursor-pointer select-none text-slate-500 hover:text-brand-700">
                    Technical records ({e.records.length})
                  </summary>
                  <ul className="mt-2 space-y-2 rounded-lg bg-slate-50 p-3">
                    {e.records.map((r) => (
                      <li key={r.key}>
                        <p className="font-medium text-slate-800">
                          <span className="mr-1 rounded bg-white px-1.5 py-0.5 text-[11px] text-slate-600 ring-1 ring-slate-200">
                            {KINDS[r.kind]}
                          </span>
                          {r.title}
                        </p>
                        <p className="text-slate-500">
                          <time dateTime={r.at.toISOString()}>{dateTime(r.at)}</time>
                        </p>
                        <ul className="mt-0.5 space-y-0.5 break-all font-mono text-[11px] text-slate-600">
                          {r.lines.map((line, i) => (
                            <li key={i}>{line}</li>
                          ))}
                        </ul>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
