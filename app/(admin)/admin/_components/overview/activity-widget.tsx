import { getDb } from "@/db";
import { getDailyActivity } from "@/db/queries/admin-overview";
import { Card } from "@/components/admin/card";
import { ActivityChart } from "@/components/admin/charts/activity-chart";

export async function ActivityWidget() {
  const days = await getDailyActivity(await getDb(), 30);
  const created = days.reduce((n, d) => n + d.created, 0);
  const cancelled = days.reduce((n, d) => n + d.cancelled, 0);
  return (
    <Card title="New and cancelled, last 30 days">
      <p className="mb-2 text-sm text-slate-600">
        {created} new · {cancelled} cancelled (test purchases excluded)
      </p>
      <ActivityChart
        data={days}
        label={`New and cancelled subscriptions per day over the last 30 days: ${created} new, ${cancelled} cancelled`}
      />
    </Card>
  );
}
