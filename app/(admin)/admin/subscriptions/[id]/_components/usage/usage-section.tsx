import Link from "next/link";
import { getDb } from "@/db";
import type { Plan, Subscription } from "@/db/schema";
import { Card, EmptyNote } from "@/components/admin/card";
import { CsvImportForm } from "@/app/(admin)/admin/usage/_components/csv-import-form";
import { ManualUsageForm } from "@/app/(admin)/admin/usage/_components/manual-usage-form";
import { hasRole, type StaffIdentity } from "@/lib/auth/staff";
import { ScheduleForm } from "@/app/(admin)/admin/usage/_components/schedule-form";
import { listUsageHours, listUsageSchedules, usageThisTerm } from "@/lib/metering";
import type { ChartHour } from "./buckets";
import { HourlyTable } from "./hourly-table";
import { ScheduleList } from "./schedules";
import { TermUsageList } from "./term-usage";
import { UsageChart } from "./usage-chart";

const DAY_MS = 86_400_000;
const TABLE_ROWS = 48;

const subheading = (text: string) => <h3 className="mb-2 text-sm font-semibold text-slate-800">{text}</h3>;

/** The subscription's metered usage: allowance this term, a chart, the hourly table and, for operators, posting and import. */
export async function UsageSection({ s, plan, staff }: { s: Subscription; plan: Plan | undefined; staff: StaffIdentity }) {
  const db = await getDb();
  const now = new Date();
  const [terms, hours, schedules] = await Promise.all([
    usageThisTerm(db, s.id, { now }),
    listUsageHours(db, { subscriptionId: s.id, from: new Date(now.getTime() - 31 * DAY_MS), limit: 5000 }),
    listUsageSchedules(db, { subscriptionId: s.id }),
  ]);
  const dimensions = plan?.meteringDimensions ?? [];
  if (!plan && hours.length === 0) {
    return (
      <Card title="Usage">
        <EmptyNote>
          The {s.planId} plan is not in the portal&apos;s catalogue yet, so its metered dimensions are unknown. Refresh plans on the{" "}
          <Link href="/admin/catalogue" className="font-medium text-brand-700 hover:underline">
            Catalogue
          </Link>{" "}
          page.
        </EmptyNote>
      </Card>
    );
  }
  if (dimensions.length === 0 && hours.length === 0) return null;

  // Dimensions of earlier plans still show their hours; names come from the current plan where it has them.
  const names = new Map(dimensions.map((d) => [d.id, d.displayName]));
  const charted = [...dimensions.map((d) => ({ id: d.id, displayName: d.displayName, unitOfMeasure: d.unitOfMeasure }))];
  for (const h of hours)
    if (!charted.some((d) => d.id === h.dimension)) charted.push({ id: h.dimension, displayName: h.dimension, unitOfMeasure: "" });
  const chartHours: ChartHour[] = hours.map((h) => ({
    hour: h.hour.toISOString(),
    dimension: h.dimension,
    quantity: h.quantity,
    included: h.includedQuantity,
    reported: h.reportedQuantity,
    status: h.status,
  }));
  const postable = charted.filter((d) => names.has(d.id));
  const hourNow = `${now.toISOString().slice(0, 13)}:00`;
  const canPost = hasRole(staff.role, "operator") && dimensions.length > 0 && s.status !== "Unsubscribed";

  return (
    <Card title="Usage">
      <div className="space-y-6">
        {terms.length > 0 && <TermUsageList terms={terms} names={names} />}
        <UsageChart dimensions={charted} hours={chartHours} now={now.toISOString()} />
        <div>
          {subheading(hours.length > TABLE_ROWS ? `By hour (latest ${TABLE_ROWS})` : "By hour")}
          <HourlyTable hours={hours.slice(0, TABLE_ROWS)} />
        </div>
        <div>
          {subheading("Scheduled quantities")}
          <ScheduleList schedules={schedules} subscriptionId={s.id} canEnd={canPost} />
        </div>
        {canPost && (
          <div className="grid gap-6 border-t border-slate-100 pt-4 lg:grid-cols-2">
            <div>
              {subheading("Post usage")}
              <ManualUsageForm subscriptionId={s.id} dimensions={postable} defaultHour={hourNow} />
            </div>
            <div>
              {subheading("Import usage from CSV")}
              <CsvImportForm subscriptionId={s.id} />
            </div>
            <div className="lg:col-span-2">
              {subheading("Schedule a fixed quantity")}
              <ScheduleForm subscriptionId={s.id} dimensions={postable} defaultHour={hourNow} />
            </div>
          </div>
        )}
      </div>
    </Card>
  );
}
