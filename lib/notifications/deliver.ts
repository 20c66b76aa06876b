import "server-only";
import type { Db } from "@/db/client";
import {
  claimDueNotifications,
  claimNotification,
  finishNotification,
  listTemplates,
  type ClaimedNotification,
} from "@/db/queries/notifications";
import { listBrandRows } from "@/db/queries/brand";
import type { NotificationChannel, NotificationDelivery } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { settleAttempt, type DeliveryOutcome, type RetryPolicy } from "@/lib/jobs/retry-policy";
import { getSecretBox, type SecretBox } from "@/lib/outbound/secret-box";
import { defaultUrlPolicy, type ResolveAll, type UrlPolicy } from "@/lib/outbound/url-policy";
import { portalBranding, type BrandingSource } from "./branding";
import { slackMessage, teamsMessage } from "./templates/chat";
import type { CopyOverrides } from "./templates/copy";
import { renderEmail } from "./templates/render";
import { postChat, sendEmail, type SendResult } from "./transport";

/** 6 attempts: 1, 2, 4, 8, 16 minutes apart (±20 %), about half an hour; then staff can replay. */
export const NOTIFICATION_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 60_000, maxDelayMs: 30 * 60 * 1000 };

export interface NotificationDeliverOptions {
  now?: () => Date;
  policy?: UrlPolicy;
  resolve?: ResolveAll;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
  timeoutMs?: number;
  secrets?: SecretBox;
  branding?: BrandingSource;
  /** The configured SMTP channel's URL and sender (SMTP_URL, MAIL_FROM) unless given. */
  mail?: { smtpUrl: string | null; from: string | null };
  /** Deliveries claimed per channel and round: one channel's backlog never fills a round. */
  perChannel?: number;
  limit?: number;
}

export type NotificationOutcome = DeliveryOutcome;

interface Resolved {
  now: () => Date;
  policy: UrlPolicy;
  resolve?: ResolveAll;
  retry: RetryPolicy;
  random: () => number;
  timeoutMs: number;
  secrets: SecretBox;
  branding: BrandingSource;
  mail: { smtpUrl: string | null; from: string | null };
}

function resolveOptions(o: NotificationDeliverOptions): Resolved {
  return {
    now: o.now ?? (() => new Date()),
    policy: o.policy ?? defaultUrlPolicy(),
    resolve: o.resolve,
    retry: { ...NOTIFICATION_RETRY_POLICY, ...o.retry },
    random: o.random ?? Math.random,
    timeoutMs: o.timeoutMs ?? 10_000,
    secrets: o.secrets ?? getSecretBox(),
    branding: o.branding ?? portalBranding(getEnv().publicBaseUrl),
    mail: o.mail ?? getEnv().mail,
  };
}

const leaseUntil = (r: Resolved) => new Date(r.now().getTime() + r.timeoutMs * 4 + 30_000);

async function send(
  channel: NotificationChannel,
  delivery: NotificationDelivery,
  r: Resolved,
  overrides: CopyOverrides,
): Promise<SendResult> {
  const message = await renderEmail(delivery.context, r.branding, overrides);
  const target = channel.target ? r.secrets.open(channel.target) : null;
  if (channel.kind === "email") {
    const smtpUrl = target ?? r.mail.smtpUrl;
    const from = channel.mailFrom ?? r.mail.from;
    if (!smtpUrl || !from) return { ok: false, response: null, error: "no SMTP server: SMTP_URL and MAIL_FROM are not set", durationMs: 0 };
    const messageId = `<${delivery.id}@notifications.marketplace-portal>`;
    return sendEmail(
      smtpUrl,
      { from, to: delivery.recipient, subject: message.subject, html: message.html, text: message.text, messageId },
      r,
    );
  }
  if (!target) return { ok: false, response: null, error: "the channel has no webhook URL", durationMs: 0 };
  const body = channel.kind === "teams" ? teamsMessage(delivery.context, message) : slackMessage(delivery.context, message);
  return postChat(target, body, r);
}

async function attempt(db: Db, { delivery, channel }: ClaimedNotification, r: Resolved, overrides: CopyOverrides) {
  const startedAt = r.now();
  let result: SendResult;
  try {
    result = await send(channel, delivery, r, overrides);
  } catch (err) {
    // A template or a secret that cannot be opened: recorded like any failed attempt, never a stuck lease.
    result = { ok: false, response: null, error: err instanceof Error ? err.message : String(err), durationMs: 0 };
  }
  const claim = { id: delivery.id, attempts: delivery.attempts };
  const record = { startedAt, durationMs: result.durationMs, ok: result.ok, response: result.response, error: result.error };
  const outcome = await settleAttempt(
    { ok: result.ok, attempts: delivery.attempts },
    { policy: r.retry, now: r.now(), random: r.random },
    (next) => finishNotification(db, claim, record, next),
  );
  return { outcome, result };
}

/** The offers' brands as they are now, once per round: a message names the product and shows its logo and links. */
async function brandingOf(db: Db): Promise<BrandingSource> {
  const env = getEnv();
  return portalBranding(env.publicBaseUrl, await listBrandRows(db), env.support);
}

async function overridesOf(db: Db): Promise<CopyOverrides> {
  return Object.fromEntries((await listTemplates(db)).map((t) => [t.eventType, { subject: t.subject, intro: t.intro }]));
}

export type NotificationDeliverSummary = Record<NotificationOutcome, number> & { claimed: number };

/**
 * Claims due messages and sends them: the channels side by side, each channel's messages one after
 * another, so a slow or failing server delays only its own channel.
 */
export async function deliverDueNotifications(db: Db, options: NotificationDeliverOptions = {}): Promise<NotificationDeliverSummary> {
  const r = resolveOptions(options);
  const claimed = await claimDueNotifications(db, {
    perChannel: options.perChannel ?? 5,
    limit: options.limit ?? 50,
    now: r.now(),
    leaseUntil: leaseUntil(r),
  });
  const summary: NotificationDeliverSummary = { claimed: claimed.length, delivered: 0, retried: 0, failed: 0, lost: 0 };
  if (claimed.length === 0) return summary;
  const overrides = await overridesOf(db);
  if (!options.branding) r.branding = await brandingOf(db);
  const byChannel = new Map<string, ClaimedNotification[]>();
  for (const c of claimed) byChannel.set(c.channel.id, [...(byChannel.get(c.channel.id) ?? []), c]);
  await Promise.all(
    [...byChannel.values()].map(async (queue) => {
      for (const next of queue) summary[(await attempt(db, next, r, overrides)).outcome]++;
    }),
  );
  return summary;
}

/** A test message or a replay, sent at once so the owner sees the provider's answer. */
export async function deliverNotificationNow(db: Db, deliveryId: string, options: NotificationDeliverOptions = {}) {
  const r = resolveOptions(options);
  const claimed = await claimNotification(db, deliveryId, leaseUntil(r));
  if (claimed && !options.branding) r.branding = await brandingOf(db);
  return claimed ? attempt(db, claimed, r, await overridesOf(db)) : null;
}
