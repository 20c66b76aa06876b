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
import { TableScroll } from "@/components/ui/table";

export const metadata: Metadata = { title: "Notifications" };

const KIND = { email: "E-mail", teams: "Microsoft Teams", slack: "Slack" } as const;
const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
const td = "px-3 py-2 align-top text-sm text-slate-700";

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
          <TableScroll label="Channels">
            <table className="min-w-full divide-y divide-slate-200">
              <thead>
                <tr>
                  <th className={th}>Name</th>
                  <th className={th}>Kind</th>
                  <th className={th}>Sends through</th>
                  <th className={th}>Actions</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {channels.map((c) => (
                  <tr key={c.id}>
                    <td className={td}>{c.name}</td>
                    <td className={td}>{KIND[c.kind]}</td>
                    <td className={`${td} break-all`}>{describeTarget(c)}</td>
                    <td className={td}>
                      <ChannelActions id={c.id} name={c.name} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Card>
      <Card title="Add a channel">
        <ChannelForm />
      </Card>
      <Card title={`Rules (${rules.length})`}>
        <div className="space-y-6">
          {rules.length > 0 && (
            <TableScroll label="Rules">
              <table className="min-w-full divide-y divide-slate-200">
                <thead>
                  <tr>
                    <th className={th}>Channel</th>
                    <th className={th}>Events</th>
                    <th className={th}>Recipients</th>
                    <th className={th}>Offer</th>
                    <th className={th}>Digest</th>
                    <th className={th}>
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {rules.map((r) => (
                    <tr key={r.id}>
                      <td className={td}>{channelName.get(r.channelId)}</td>
                      <td className={td}>{r.eventTypes.map(notificationLabel).join(", ")}</td>
                      <td className={td}>{recipients(r)}</td>
                      <td className={td}>{r.offerId ?? "every offer"}</td>
                      <td className={td}>{r.digest ? "daily" : "at once"}</td>
                      <td className={td}>
                        <RemoveRule id={r.id} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
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
          <TableScroll label="Notifications sent">
            <table className="min-w-full divide-y divide-slate-200">
              <thead>
                <tr>
                  <th className={th}>When</th>
                  <th className={th}>Channel</th>
                  <th className={th}>Event</th>
                  <th className={th}>To</th>
                  <th className={th}>Status</th>
                  <th className={th}>Provider&apos;s answer</th>
                  <th className={th}>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {deliveries.map((d) => (
                  <tr key={d.id}>
                    <td className={td}>{d.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                    <td className={td}>{d.channelName}</td>
                    <td className={td}>{notificationLabel(d.eventType)}</td>
                    <td className={td}>{d.recipient || "—"}</td>
                    <td className={td}>
                      {d.status}
                      {d.attempts > 0 ? ` (${d.attempts} attempt${d.attempts === 1 ? "" : "s"})` : ""}
                    </td>
                    <td className={`${td} break-all`}>{d.lastError ?? d.lastResponse ?? "—"}</td>
                    <td className={td}>
                      {(d.status === "failed" || d.status === "succeeded") && <ReplayNotification deliveryId={d.id} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Card>
    </div>
  );
}
