import type { Metadata } from "next";
import { getDb } from "@/db";
import { listChannels, listNotificationDeliveries, listRules, listTemplates } from "@/db/queries/notifications";
import { Card } from "@/components/admin/card";
import { requireStaff } from "@/lib/auth/guards";
import { NOTIFICATION_EVENT_TYPES, notificationLabel } from "@/lib/notifications/catalogue";
import { describeTarget } from "@/lib/notifications/channels";
import { PLACEHOLDERS } from "@/lib/notifications/templates/copy";
import { ChannelForm } from "./_components/channel-form";
import { ChannelActions, RemoveRule, ReplayNotification } from "./_components/row-actions";
import { RuleForm } from "./_components/rule-form";
import { TemplateEditor, type TemplateValues } from "./_components/template-editor";
import { DataTable } from "@/components/ui/table";

export const metadata: Metadata = { title: "Notifications" };

const KIND = { email: "E-mail", teams: "Microsoft Teams", slack: "Slack" } as const;

function recipients(rule: { staffRoles: string[]; addresses: string[]; toPurchaser: boolean; toBeneficiary: boolean }) {
  const parts = [
    ...rule.staffRoles.map((r) => `staff: ${r}s`),
    ...rule.addresses,
    ...(rule.toPurchaser ? ["buyer: purchaser"] : []),
    ...(rule.toBeneficiary ? ["buyer: beneficiary"] : []),
  ];
  return parts.length ? parts.join(", ") : "the channel";
}

export default async function NotificationsPage() {
  await requireStaff("owner", { path: "/admin/notifications" });
  const db = await getDb();
  const [channels, rules, templates, deliveries] = await Promise.all([
    listChannels(db),
    listRules(db),
    listTemplates(db),
    listNotificationDeliveries(db, { limit: 50 }),
  ]);
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  const eventTypes = NOTIFICATION_EVENT_TYPES.map((type) => ({ type, label: notificationLabel(type) }));
  const saved: TemplateValues = Object.fromEntries(templates.map((t) => [t.eventType, { subject: t.subject ?? "", intro: t.intro ?? "" }]));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Notifications</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          E-mail to staff and buyers, and posts to Microsoft Teams or Slack, for the same events as outbound webhooks. Messages are sent in
          the background, retried 6 times over about half an hour, and can be replayed from the log below.
        </p>
      </div>
      <Card title={`Channels (${channels.length})`}>
        {channels.length === 0 ? (
          <p className="text-sm text-slate-600">No channel yet. Set SMTP_URL and MAIL_FROM, or add one below.</p>
        ) : (
          <DataTable
            label="Channels"
            rows={channels}
            rowKey={(c) => c.id}
            columns={[
              { label: "Name", cell: (c) => c.name },
              { label: "Kind", cell: (c) => KIND[c.kind] },
              { label: "Sends through", cell: (c) => describeTarget(c), cellClassName: "break-all" },
              { label: "Actions", cell: (c) => <ChannelActions id={c.id} name={c.name} /> },
            ]}
          />
        )}
      </Card>
      <Card title="Add a channel">
        <ChannelForm />
      </Card>
      <Card title={`Rules (${rules.length})`}>
        <div className="space-y-6">
          {rules.length > 0 && (
            <DataTable
              label="Rules"
              rows={rules}
              rowKey={(r) => r.id}
              columns={[
                { label: "Channel", cell: (r) => channelName.get(r.channelId) },
                { label: "Events", cell: (r) => r.eventTypes.map(notificationLabel).join(", ") },
                { label: "Recipients", cell: recipients },
                { label: "Offer", cell: (r) => r.offerId ?? "every offer" },
                { label: "Digest", cell: (r) => (r.digest ? "daily" : "at once") },
                { label: "Actions", srOnly: true, cell: (r) => <RemoveRule id={r.id} /> },
              ]}
            />
          )}
          {channels.length > 0 && <RuleForm channels={channels.map((c) => ({ id: c.id, name: c.name }))} eventTypes={eventTypes} />}
        </div>
      </Card>
      <Card title="Templates">
        <TemplateEditor eventTypes={eventTypes} saved={saved} placeholders={PLACEHOLDERS.join(" ")} />
      </Card>
      <Card title="Delivery log">
        {deliveries.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing sent yet.</p>
        ) : (
          <DataTable
            label="Notifications sent"
            rows={deliveries}
            rowKey={(d) => d.id}
            columns={[
              { label: "When", cell: (d) => d.createdAt.toISOString().replace("T", " ").slice(0, 19) },
              { label: "Channel", cell: (d) => d.channelName },
              { label: "Event", cell: (d) => notificationLabel(d.eventType) },
              { label: "To", cell: (d) => d.recipient || "—" },
              {
                label: "Status",
                cell: (d) => `${d.status}${d.attempts > 0 ? ` (${d.attempts} attempt${d.attempts === 1 ? "" : "s"})` : ""}`,
              },
              { label: "Provider's answer", cell: (d) => d.lastError ?? d.lastResponse ?? "—", cellClassName: "break-all" },
              {
                label: "Actions",
                srOnly: true,
                cell: (d) => (d.status === "failed" || d.status === "succeeded") && <ReplayNotification deliveryId={d.id} />,
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
