import { getDb } from "@/db";
import { getStatusSummary } from "@/db/queries/admin-overview";
import { STATUS_LABELS } from "@/components/format";
import type { SaasSubscriptionStatus } from "@/lib/marketplace";
import { Card, EmptyNote } from "@/components/admin/card";
import { StatusDonut } from "@/components/admin/charts/status-donut";

// One colour per status of Microsoft's list (lib/marketplace/enums.ts), in the order the chart shows them.
const COLORS: Record<SaasSubscriptionStatus, string> = {
  Subscribed: "#059669",
  PendingFulfillmentStart: "#d97706",
  NotStarted: "#ca8a04",
  Suspended: "#ea580c",
  Unsubscribed: "#94a3b8",
};
const ORDER = Object.keys(COLORS) as SaasSubscriptionStatus[];

export async function StatusWidget() {
  const rows = await getStatusSummary(await getDb());
  const data = ORDER.map((status) => {
    const row = rows.find((r) => r.status === status);
    return { name: STATUS_LABELS[status] ?? status, value: row ? row.total - row.test : 0, color: COLORS[status] };
  }).filter((d) => d.value > 0);
  return (
    <Card title="Subscriptions by status">
      {data.length === 0 ? (
        <EmptyNote>No subscriptions yet.</EmptyNote>
      ) : (
        <StatusDonut data={data} label="Subscriptions by status, excluding test purchases" />
      )}
    </Card>
  );
}
