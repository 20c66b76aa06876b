import { getDb } from "@/db";
import { getStatusSummary } from "@/db/queries/admin-overview";
import { STATUS_LABELS } from "@/components/format";
import type { SaasSubscriptionStatus } from "@/lib/marketplace";
import { Card, EmptyNote } from "@/components/admin/card";
import { StatusDonut } from "@/components/admin/charts/status-donut";
import { TONE_STYLES } from "@/components/ui/status-tone";
import { subscriptionStatusTone } from "@/lib/status-tone";

// Microsoft's statuses (lib/marketplace/enums.ts) in the order the chart shows them, coloured by the shared tone scale.
const ORDER: SaasSubscriptionStatus[] = ["Subscribed", "PendingFulfillmentStart", "NotStarted", "Suspended", "Unsubscribed"];

export async function StatusWidget() {
  const rows = await getStatusSummary(await getDb());
  const data = ORDER.map((status) => {
    const row = rows.find((r) => r.status === status);
    return {
      name: STATUS_LABELS[status] ?? status,
      value: row ? row.total - row.test : 0,
      color: TONE_STYLES[subscriptionStatusTone(status)].chart,
    };
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
