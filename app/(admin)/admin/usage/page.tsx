import type { Metadata } from "next";
import { getDb } from "@/db";
import { getSubscriptionNames } from "@/db/queries/admin-operations";
import { Card, Stat } from "@/components/admin/card";
import { requireStaff } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/staff";
import { usageOverview } from "@/lib/metering";
import { FilterLinks } from "../operations/_components/filter-links";
import { CsvImportForm } from "./_components/csv-import-form";
import { DailyUsageSection } from "./_components/daily-usage";
import { HourIssuesTable } from "./_components/hour-issues-table";
import { quantity } from "./_components/usage-status";
import { parseUsageDays, USAGE_DAYS } from "./search-params";

export const metadata: Metadata = { title: "Usage" };

export default async function UsagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const days = parseUsageDays(await searchParams);
  const staff = await requireStaff("viewer", { path: `/admin/usage?days=${days}` });
  const db = await getDb();
  const now = new Date();
  const { daily, failures, nearExpiry } = await usageOverview(db, { days, now });
  const names = await getSubscriptionNames(
    db,
    [...failures, ...nearExpiry].map((h) => h.subscriptionId),
  );
  const sum = (k: "quantity" | "included" | "reported") => daily.reduce((n, r) => n + r[k], 0);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Usage</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">
            Metered usage per dimension and UTC day, across all subscriptions. Microsoft bills only what is reported: usage within a
            plan&apos;s included quantity for the term is never sent, and each hour must reach Microsoft within 24 hours.
          </p>
        </div>
        <FilterLinks
          label="Period"
          items={USAGE_DAYS.map((d) => ({ href: `/admin/usage?days=${d}`, text: `${d} days`, current: d === days }))}
        />
      </div>
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <Stat label="Used" value={quantity(sum("quantity"))} hint={`last ${days} days`} />
        <Stat label="Included" value={quantity(sum("included"))} hint="covered by plans" />
        <Stat label="Reported" value={quantity(sum("reported"))} hint="sent to Microsoft" />
        <Stat label="Failed hours" value={failures.length} tone={failures.length > 0 ? "error" : "default"} />
        <Stat
          label="Near expiry"
          value={nearExpiry.length}
          hint="closed, not yet sent"
          tone={nearExpiry.length > 0 ? "warning" : "default"}
        />
      </dl>
      <Card title="Hours near expiry">
        <HourIssuesTable
          hours={nearExpiry}
          names={names}
          kind="expiring"
          now={now}
          empty="No closed hour is waiting near the end of its 24-hour window."
        />
      </Card>
      <Card title="Failures">
        <HourIssuesTable
          hours={failures}
          names={names}
          kind="failures"
          now={now}
          empty={`No hour failed or was refused in the last ${days} days.`}
        />
      </Card>
      <Card title="Per dimension and day">
        <DailyUsageSection rows={daily} days={days} now={now} />
      </Card>
      {hasRole(staff.role, "operator") && (
        <Card title="Import usage from CSV">
          <CsvImportForm />
        </Card>
      )}
    </div>
  );
}
