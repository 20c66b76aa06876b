import { getDb } from "@/db";
import type { Plan, Subscription } from "@/db/schema";
import { Card } from "@/components/admin/card";
import { CsvImportForm } from "@/app/(admin)/admin/usage/_components/csv-import-form";
import { ManualUsageForm } from "@/app/(admin)/admin/usage/_components/manual-usage-form";
import { hasRole, type StaffIdentity } from "@/lib/auth/staff";
import { listUsageHours, usageThisTerm } from "@/lib/metering";
import type { ChartHour } from "./buckets";
import { HourlyTable } from "./hourly-table";
import { TermUsageList } from "./term-usage";
import { UsageChart } from "./usage-chart";

const DAY_MS = 86_400_000;
const TABLE_ROWS = 48;

const subheading = (text: string) => <h3 className="mb-2 text-sm font-semibold text-slate-800">{text}</h3>;

/** The subscription's metered usage: allowance this term, a chart, the hourly table and, for operators, posting and import. */
export async function UsageSection({ s, plan, staff }: { s: Subscription; plan: Plan | undefined; staff: StaffIdentity }) {
  const db = await getDb();
  const now = new Date();
  const [terms, hours] = await Promise.all([usageThisTerm(db, s.id, { now }), listUsageHours(db, { subscriptionId: s.id, from: new Date(now.getTime() - 31 * DAY_MS), limit: 5000 })]);
  const dimensions = plan?.meteringDimensions ?? [];
  if (dimensions.length === 0 && hours.length === 0) return null;

  // Dimensions of earlier plans still show their hours; names come from the current plan where it has them.
  const names = new Map(dimensions.map((d) => [d.id, d.displayName]));
  const charted = [...dimensions.map((d) => ({ id: d.id, displayName: d.displayName, unitOfMeasure: d.unitOfMeasure }))];
  for (const h of hours) if (!charted.some((d) => d.id === h.dimension)) charted.push({ id: h.dimension, displayName: h.dimension, unitOfMeasure: "" });
  const chartHours: ChartHour[] = hours.map((h) => ({ hour: h.hour.toISOString(), dimension: h.dimension, quantity: h.quantity, included: h.includedQuantity, reported: h.reportedQuantity, status: h.status }));
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
        {canPost && (
          <div className="grid gap-6 border-t border-slate-100 pt-4 lg:grid-cols-2">
            <div>
              {subheading("Post usage")}
              <ManualUsageForm subscriptionId={s.id} dimensions={charted.filter((d) => names.has(d.id))} defaultHour={now.toISOString().slice(0, 13) + ":00"} />
            </div>
            <div>
              {subheading("Import usage from CSV")}
              <CsvImportForm subscriptionId={s.id} />
            </div>
          </div>
        )}
      </div>
    </Card>
  );
}
