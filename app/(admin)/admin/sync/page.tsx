import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { getDb } from "@/db";
import { countDrift, getSyncSettings, listDriftGroups, listSyncRuns } from "@/db/queries/sync";
import { dateTime } from "@/components/format";
import { Card, EmptyNote } from "@/components/admin/card";
import { LiveRefresh } from "@/components/admin/live-refresh";
import { requireStaff } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/staff";
import { intervalLabel } from "@/lib/sync/schedule-settings";
import { AcceptAllDriftForm } from "./_components/accept-drift-forms";
import { DriftTable } from "./_components/drift-table";
import { RunProgress } from "./_components/run-progress";
import { RunsTable } from "./_components/runs-table";
import { SyncNowForm } from "./_components/sync-now-form";

export const metadata: Metadata = { title: "Sync" };

const PAGE = 50;
const afterParam = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.guid().optional()).catch(undefined);

export default async function SyncPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const after = afterParam.parse((await searchParams).after);
  const staff = await requireStaff("viewer", { path: `/admin/sync${after ? `?after=${after}` : ""}` });
  const db = await getDb();
  const [runs, settings, drift, groups] = await Promise.all([
    listSyncRuns(db, 10),
    getSyncSettings(db),
    countDrift(db),
    listDriftGroups(db, { limit: PAGE + 1, after }),
  ]);
  const latest = runs[0];
  const operator = hasRole(staff.role, "operator");
  const more = groups.length > PAGE;
  const shown = groups.slice(0, PAGE);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request: now is the request's time
  const lastStart = latest?.startedAt.getTime() ?? Date.now();
  const nextDue = settings.intervalMinutes > 0 ? new Date(lastStart + settings.intervalMinutes * 60_000) : null;
  return (
    <div className="space-y-6">
      <LiveRefresh sync />
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Sync with the marketplace</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Reads every subscription Microsoft lists, imports the ones the portal has never seen (purchases whose buyer never opened the
          landing page, for example) and shows where our copy differs. Microsoft is the source of truth for these fields, but nothing is
          overwritten until an operator accepts it.
        </p>
      </div>
      <Card title="Latest run" action={operator ? <SyncNowForm running={latest?.status === "running"} /> : undefined}>
        <RunProgress run={latest} />
        <p className="mt-4 text-sm text-slate-600">
          Schedule: {intervalLabel(settings.intervalMinutes)}
          {nextDue ? `, next run due ${nextDue <= new Date() ? "now" : dateTime(nextDue)}` : ""}.{" "}
          {hasRole(staff.role, "owner") && (
            <Link href="/admin/settings#sync-schedule" className="font-medium text-brand-700 hover:underline">
              Change the schedule
            </Link>
          )}
        </p>
      </Card>
      <div id="drift">
        <Card
          title={`Drift (${drift.subscriptions.toLocaleString("en-US")} subscription${drift.subscriptions === 1 ? "" : "s"}, ${drift.fields.toLocaleString("en-US")} field${drift.fields === 1 ? "" : "s"})`}
          id="drift"
        >
          {drift.subscriptions === 0 ? (
            <EmptyNote>Our copy matches Microsoft&apos;s for every subscription the last run read.</EmptyNote>
          ) : (
            <div className="space-y-4">
              {operator && <AcceptAllDriftForm subscriptions={drift.subscriptions} />}
              <DriftTable groups={shown} canAccept={operator} />
              <nav aria-label="Drift pages" className="flex justify-between text-sm">
                {after ? (
                  <Link href="/admin/sync#drift" className="font-medium text-brand-700 hover:underline">
                    First page
                  </Link>
                ) : (
                  <span />
                )}
                {more && shown.length > 0 && (
                  <Link
                    rel="next"
                    href={`/admin/sync?after=${shown.at(-1)!.subscriptionId}#drift`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    Next
                  </Link>
                )}
              </nav>
            </div>
          )}
        </Card>
      </div>
      <Card title="Recent runs">{runs.length === 0 ? <EmptyNote>None yet.</EmptyNote> : <RunsTable runs={runs} />}</Card>
    </div>
  );
}
