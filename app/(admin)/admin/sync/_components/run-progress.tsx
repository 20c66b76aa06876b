import type { SyncRun } from "@/db/schema";
import { dateTime } from "@/components/format";

const STATUS = { running: "Running", succeeded: "Finished", failed: "Failed" } as const;

function duration(run: SyncRun): string {
  const end = run.finishedAt ?? new Date();
  const s = Math.max(0, Math.round((end.getTime() - run.startedAt.getTime()) / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/**
 * The latest run. Microsoft's list has no total, so the bar measures against the larger of our
 * own count and the last run's; the page's LiveRefresh re-renders it as each page of the list is recorded.
 */
export function RunProgress({ run }: { run: SyncRun | undefined }) {
  if (!run) return <p className="text-sm text-slate-500">No sync has run yet.</p>;
  const running = run.status === "running";
  const expected = run.expectedTotal ?? 0;
  const percent = running ? (expected > 0 ? Math.min(99, Math.floor((run.seen / expected) * 100)) : null) : 100;
  const tone = run.status === "failed" ? "bg-red-600" : running ? "bg-brand-600" : "bg-emerald-600";
  const inSync = Math.max(0, run.seen - run.imported - run.drifted);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p className="font-medium text-slate-900" role="status" aria-live="polite">
          {STATUS[run.status]}
          {running ? `: ${run.seen.toLocaleString("en-US")} subscriptions so far, page ${run.pages}` : ` after ${duration(run)}`}
        </p>
        <p className="text-slate-500">
          {run.trigger === "scheduled" ? "Scheduled" : `Started by ${run.startedBy ?? "staff"}`} · {dateTime(run.startedAt)}
        </p>
      </div>
      <div
        role="progressbar"
        aria-label="Sync progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? `${run.seen} subscriptions read` : `${percent}%`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className={`h-full ${tone} ${percent === null ? "w-1/3 animate-pulse" : ""} transition-all`}
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-6">
        {[
          ["Read", run.seen],
          ["Imported", run.imported],
          ["In sync", inSync],
          ["With drift", run.drifted],
          ["Details refreshed", run.updated],
          ["Not listed by Microsoft", running ? "…" : run.missing],
        ].map(([label, value]) => (
          <div key={label as string} className="rounded-lg bg-slate-50 px-3 py-2">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="font-semibold tabular-nums text-slate-900">
              {typeof value === "number" ? value.toLocaleString("en-US") : value}
            </dd>
          </div>
        ))}
      </dl>
      {run.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {run.error}
        </p>
      )}
      <p className="text-xs text-slate-500">Correlation ID sent to Microsoft: {run.correlationId}</p>
    </div>
  );
}
