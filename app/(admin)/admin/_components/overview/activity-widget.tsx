import { getDb } from "@/db";
import { getDailyActivity } from "@/db/queries/admin-overview";
import { Card, EmptyNote } from "@/components/admin/card";
import { ActivityChart } from "@/components/admin/charts/activity-chart";
import { visibleDays } from "@/lib/charts/visible-days";
import { date } from "@/components/format";

export async function ActivityWidget() {
  const all = await getDailyActivity(await getDb(), 30);
  const days = visibleDays(all);
  const created = days.reduce((n, d) => n + d.created, 0);
  const cancelled = days.reduce((n, d) => n + d.cancelled, 0);
  const since = days.length < all.length && days[0] ? new Date(`${days[0].day}T00:00:00Z`) : null;
  return (
    <Card title="New and cancelled, last 30 days">
      {days.length === 0 ? (
        <EmptyNote>No purchases or cancellations in the last 30 days (test purchases excluded).</EmptyNote>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600">
            {created} new · {cancelled} cancelled{since ? ` since ${date(since)}` : ""} (test purchases excluded)
          </p>
          <ActivityChart
            data={days}
            label={`New and cancelled subscriptions per day ${since ? `since ${date(since)}` : "over the last 30 days"}: ${created} new, ${cancelled} cancelled`}
          />
        </>
      )}
    </Card>
  );
}
