import "server-only";
import type { Db, DbOrTx } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import {
  claimOnce,
  deleteChannel as deleteChannelRow,
  deleteRule as deleteRuleRow,
  getChannel,
  getConfiguredChannel,
  getNotificationDelivery,
  insertChannel,
  insertNotificationDelivery,
  insertRules,
  resetNotificationForReplay,
  upsertTemplate,
} from "@/db/queries/notifications";
import type { AuditChanges, NotificationChannel, NotificationContext } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { fail } from "@/lib/errors";
import { getSecretBox, type SecretBox } from "@/lib/outbound/secret-box";
import { defaultUrlPolicy, type ResolveAll, type UrlPolicy } from "@/lib/outbound/url-policy";
import type { Actor } from "@/lib/subscriptions/activate";
import { portalBranding, type BrandingSource } from "./branding";
import { defaultRulesFor, NOTIFICATION_TEST_TYPE } from "./catalogue";
import { deliverNotificationNow, type NotificationDeliverOptions } from "./deliver";
import type { ChannelFields, RuleFields, TemplateFields } from "./schemas";
import { renderEmail } from "./templates/render";
import { checkSmtpUrl, checkWebhookUrl } from "./transport";

export interface NotificationDeps {
  db: Db;
  actor: Actor;
  policy?: UrlPolicy;
  resolve?: ResolveAll;
  secrets?: SecretBox;
  deliver?: NotificationDeliverOptions;
}

const box = (deps: Pick<NotificationDeps, "secrets">) => deps.secrets ?? getSecretBox();

async function audit(
  db: DbOrTx,
  actor: Actor,
  event: { action: string; targetType: string; targetId: string; changes?: AuditChanges; metadata?: Record<string, unknown> },
) {
  await insertAuditEvent(db, { actorType: actor.type, actorId: actor.id, actorEmail: actor.email, ...event });
}

/** What pages may show of a channel's target: the host, never the password or the webhook's path. */
export function describeTarget(channel: Pick<NotificationChannel, "kind" | "target">, secrets?: SecretBox): string {
  if (!channel.target) return "SMTP_URL (configuration)";
  try {
    const url = new URL(box({ secrets }).open(channel.target));
    return channel.kind === "email"
      ? `${url.protocol}//${url.username ? `${decodeURIComponent(url.username)}@` : ""}${url.host}`
      : `${url.protocol}//${url.host}/…`;
  } catch {
    return "(cannot be read: check DATA_ENCRYPTION_KEY)";
  }
}

/**
 * With SMTP_URL set, the first start creates an e-mail channel that uses it, with the default
 * rules. Only once: a marker row remembers it, so an owner who removes the channel keeps it removed.
 */
export async function ensureConfiguredChannel(db: Db, mail: { smtpUrl: string | null }): Promise<NotificationChannel | null> {
  if (!mail.smtpUrl) return null;
  return db.transaction(async (tx) => {
    if (!(await claimOnce(tx, "notifications:configured-channel"))) return null;
    if (await getConfiguredChannel(tx)) return null;
    const channel = await insertChannel(tx, { kind: "email", name: "E-mail (SMTP_URL)", target: null, createdBy: "configuration" });
    await insertRules(tx, defaultRulesFor(channel.id));
    await audit(
      tx,
      { type: "system", id: null, email: null },
      {
        action: "notification.channel_created",
        targetType: "notification_channel",
        targetId: channel.id,
        metadata: { source: "configuration" },
      },
    );
    return channel;
  });
}

export async function createChannel(deps: NotificationDeps, input: ChannelFields) {
  const policy = deps.policy ?? defaultUrlPolicy();
  let target: string | null = null;
  if (input.kind === "email") {
    if (input.target) {
      const checked = await checkSmtpUrl(input.target, { policy, resolve: deps.resolve });
      if (!checked.ok) return fail("invalid-input", { target: checked.reason });
      target = input.target;
    }
  } else {
    const checked = await checkWebhookUrl(input.target, { policy, resolve: deps.resolve });
    if (!checked.ok) return fail("invalid-input", { target: checked.reason });
    target = checked.url.href;
  }
  const channel = await deps.db.transaction(async (tx) => {
    const row = await insertChannel(tx, {
      kind: input.kind,
      name: input.name,
      target: target && box(deps).seal(target),
      mailFrom: input.mailFrom || null,
      createdBy: deps.actor.email,
    });
    // Never the target: it is the credential.
    const changes = { kind: { from: null, to: row.kind }, name: { from: null, to: row.name } };
    await audit(tx, deps.actor, { action: "notification.channel_created", targetType: "notification_channel", targetId: row.id, changes });
    return row;
  });
  return { ok: true, channel } as const;
}

export async function removeChannel(deps: NotificationDeps, input: { id: string }) {
  const channel = await deps.db.transaction(async (tx) => {
    const row = await deleteChannelRow(tx, input.id);
    if (row)
      await audit(tx, deps.actor, {
        action: "notification.channel_deleted",
        targetType: "notification_channel",
        targetId: row.id,
        changes: { name: { from: row.name, to: null } },
      });
    return row;
  });
  return channel ? ({ ok: true, channel } as const) : fail("channel-not-found");
}

/** A test message to the owner who asked (e-mail) or to the chat, sent at once so the provider's answer shows. */
export async function sendTestMessage(deps: NotificationDeps, input: { id: string }, now = new Date()) {
  const channel = await getChannel(deps.db, input.id);
  if (!channel) return fail("channel-not-found");
  if (channel.kind === "email" && !deps.actor.email)
    return fail("invalid-input", { id: "Your account has no e-mail address to send the test to." });
  const delivery = await insertNotificationDelivery(deps.db, {
    channelId: channel.id,
    eventType: NOTIFICATION_TEST_TYPE,
    recipient: channel.kind === "email" ? (deps.actor.email ?? "") : "",
    context: { eventType: NOTIFICATION_TEST_TYPE, occurredAt: now.toISOString(), audience: "staff", subscription: null, test: true },
    nextAttemptAt: now,
  });
  const sent = await deliverNotificationNow(deps.db, delivery.id, deps.deliver);
  await audit(deps.db, deps.actor, {
    action: "notification.test_sent",
    targetType: "notification_channel",
    targetId: channel.id,
    metadata: { deliveryId: delivery.id, ok: sent?.result.ok ?? null },
  });
  return { ok: true, delivery, sent } as const;
}

export async function replayNotification(deps: NotificationDeps, input: { deliveryId: string }, now = new Date()) {
  if (!(await getNotificationDelivery(deps.db, input.deliveryId))) return fail("delivery-not-found");
  const reset = await resetNotificationForReplay(deps.db, input.deliveryId, now);
  if (!reset) return fail("delivery-in-flight");
  const sent = await deliverNotificationNow(deps.db, reset.id, deps.deliver);
  await audit(deps.db, deps.actor, {
    action: "notification.delivery_replayed",
    targetType: "notification_delivery",
    targetId: reset.id,
    metadata: { ok: sent?.result.ok ?? null },
  });
  return { ok: true, delivery: reset, sent } as const;
}

export async function createRule(deps: NotificationDeps, input: RuleFields) {
  const channel = await getChannel(deps.db, input.channelId);
  if (!channel) return fail("channel-not-found");
  const recipients = input.staffRoles.length + input.addresses.length + Number(input.toPurchaser) + Number(input.toBeneficiary);
  if (channel.kind === "email" && recipients === 0) return fail("invalid-input", { staffRoles: "Choose who receives these e-mails" });
  const rule = await deps.db.transaction(async (tx) => {
    const [row] = await insertRules(tx, [
      {
        channelId: channel.id,
        eventTypes: input.eventTypes,
        offerId: input.offerId || null,
        staffRoles: channel.kind === "email" ? input.staffRoles : [],
        addresses: channel.kind === "email" ? input.addresses.map((a) => a.toLowerCase()) : [],
        toPurchaser: channel.kind === "email" && input.toPurchaser,
        toBeneficiary: channel.kind === "email" && input.toBeneficiary,
        digest: input.digest,
      },
    ]);
    await audit(tx, deps.actor, {
      action: "notification.rule_created",
      targetType: "notification_rule",
      targetId: row!.id,
      changes: { eventTypes: { from: null, to: row!.eventTypes } },
    });
    return row!;
  });
  return { ok: true, rule } as const;
}

export async function removeRule(deps: NotificationDeps, input: { id: string }) {
  const rule = await deps.db.transaction(async (tx) => {
    const row = await deleteRuleRow(tx, input.id);
    if (row)
      await audit(tx, deps.actor, {
        action: "notification.rule_deleted",
        targetType: "notification_rule",
        targetId: row.id,
        changes: { eventTypes: { from: row.eventTypes, to: null } },
      });
    return row;
  });
  return rule ? ({ ok: true, rule } as const) : fail("rule-not-found");
}

export async function saveTemplate(deps: NotificationDeps, input: TemplateFields) {
  await deps.db.transaction(async (tx) => {
    await upsertTemplate(tx, {
      eventType: input.eventType,
      subject: input.subject || null,
      intro: input.intro || null,
      updatedBy: deps.actor.email,
    });
    await audit(tx, deps.actor, {
      action: "notification.template_saved",
      targetType: "notification_template",
      targetId: input.eventType,
      changes: { subject: { from: null, to: input.subject || null } },
    });
  });
  return { ok: true } as const;
}

/** The message an event type's template makes for a sample subscription, with unsaved words. */
export async function previewTemplate(
  input: TemplateFields & { audience: "staff" | "buyer" },
  branding: BrandingSource = portalBranding(getEnv().publicBaseUrl),
) {
  const ctx: NotificationContext = {
    eventType: input.eventType,
    occurredAt: new Date().toISOString(),
    audience: input.audience,
    subscription: {
      id: "00000000-0000-4000-8000-000000000000",
      name: "Contoso sample subscription",
      offerId: "sample",
      offerName: "Sample offer",
      planId: "standard",
      quantity: null,
      status: "Subscribed",
    },
  };
  const m = await renderEmail(ctx, branding, { [input.eventType]: { subject: input.subject, intro: input.intro } });
  return { subject: m.subject, html: m.html, text: m.text };
}
