import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { maxAuditEventId } from "@/db/queries/outbound";
import { insertRules, listNotificationDeliveries } from "@/db/queries/notifications";
import { notificationChannels, notificationDeliveries, offers, outboundCursor, staff, subscriptions } from "@/db/schema";
import { captureLogs } from "@/test/console";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { audit } from "@/lib/outbound/testing/fixtures";
import { startReceiver, type Receiver } from "@/lib/outbound/testing/receiver";
import { createSecretBox } from "@/lib/outbound/secret-box";
import { portalBranding } from "./branding";
import { defaultRulesFor } from "./catalogue";
import {
  createChannel,
  createRule,
  describeTarget,
  ensureConfiguredChannel,
  replayNotification,
  saveTemplate,
  sendTestMessage,
} from "./channels";
import type { NotificationDeps } from "./channels";
import { NOTIFICATION_CURSOR } from "./enqueue";
import { renderEmail } from "./templates/render";
import { startSmtpServer, type TestSmtpServer } from "./testing/smtp";
import { processNotifications } from "./worker";

const PASSWORD = "s3cret-Pa55word";
const secrets = createSecretBox("k".repeat(40));
const policy = { allowPrivateNetworks: true };
const branding = portalBranding("http://portal.test");
const deliver = {
  policy,
  secrets,
  branding,
  mail: { smtpUrl: null, from: "Portal <portal@isv.example>" },
  retry: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
};

describe.each(testDatabases("one"))("notifications (%s)", (kind) => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let teams: Receiver;
  let slack: Receiver;
  let deps: NotificationDeps;
  let subscriptionId: string;

  const drain = async () => {
    for (let i = 0; i < 5; i++) await processNotifications(t.db, deliver);
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await t.db.insert(outboundCursor).values({ name: NOTIFICATION_CURSOR, lastAuditId: await maxAuditEventId(t.db) });
    smtp = await startSmtpServer({ user: "mailer", password: PASSWORD });
    teams = await startReceiver(() => 202);
    slack = await startReceiver(() => ({ status: 200, body: "ok" }));
    deps = { db: t.db, actor: { type: "staff", id: null, email: "owner@isv.example" }, policy, secrets, deliver };
    await t.db.insert(staff).values([
      { email: "owner@isv.example", role: "owner", addedBy: "configuration" },
      { email: "ops@isv.example", role: "operator", addedBy: "owner@isv.example" },
      { email: "viewer@isv.example", role: "viewer", addedBy: "owner@isv.example" },
    ]);
    await t.db.insert(offers).values({ id: "contoso-analytics", displayName: "Contoso Analytics" }).onConflictDoNothing();
    subscriptionId = randomUUID();
    await t.db.insert(subscriptions).values({
      id: subscriptionId,
      name: "Fabrikam's analytics",
      offerId: "contoso-analytics",
      planId: "starter",
      status: "Subscribed",
      provisioningState: "active",
      purchaserEmail: "buyer@fabrikam.example",
      beneficiaryEmail: "user@fabrikam.example",
    });
  });
  afterAll(async () => {
    await Promise.all([smtp?.close(), teams?.close(), slack?.close()]);
    await t?.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
    teams.received.length = 0;
    slack.received.length = 0;
  });

  it("fires every default rule once per change, on e-mail, Teams and Slack", async () => {
    const email = await createChannel(deps, { kind: "email", name: "Ops mail", target: smtp.url, mailFrom: "" });
    if (!email.ok) throw new Error("channel refused");
    await insertRules(t.db, defaultRulesFor(email.channel.id));
    for (const k of ["teams", "slack"] as const) {
      const r = await createChannel(deps, { kind: k, name: k, target: k === "teams" ? teams.url : slack.url, mailFrom: "" });
      if (!r.ok) throw new Error("channel refused");
      await createRule(deps, {
        channelId: r.channel.id,
        eventTypes: ["subscription.activated", "subscription.cancelled"],
        offerId: "",
        staffRoles: [],
        addresses: [],
        toPurchaser: false,
        toBeneficiary: false,
        digest: false,
      });
    }

    await audit(t.db, "subscription.confirmed", {
      subscriptionId,
      changes: { provisioningState: { from: "new", to: "awaiting_approval" } },
    });
    await audit(t.db, "subscription.activated", { subscriptionId });
    await audit(t.db, "subscription.activation_failed", { subscriptionId });
    await audit(t.db, "subscription.unsubscribed", { subscriptionId });
    await audit(t.db, "subscription.renewed", { subscriptionId }); // no default rule
    await drain();
    await drain(); // a second pass enqueues nothing again

    const sent = smtp.received.map((m) => `${m.to.join(",")} ${m.parsed.subject}`).sort();
    const staffMails = ["owner@isv.example", "ops@isv.example"];
    expect(sent).toEqual(
      [
        ...staffMails.flatMap((to) => [
          `${to} Awaiting approval: Fabrikam's analytics (Contoso Analytics)`,
          `${to} Activation failed: Fabrikam's analytics (Contoso Analytics)`,
          `${to} Cancelled: Fabrikam's analytics (Contoso Analytics)`,
        ]),
        ...["buyer@fabrikam.example", "user@fabrikam.example"].flatMap((to) => [
          `${to} Your Contoso Analytics subscription is active`,
          `${to} Your Contoso Analytics subscription has been cancelled`,
        ]),
      ].sort(),
    );
    expect(smtp.logins.every((l) => l.password === PASSWORD)).toBe(true);
    const activation = smtp.received.find((m) => m.to[0] === "buyer@fabrikam.example" && m.parsed.subject?.includes("active"));
    expect(activation?.parsed.html).toContain("http://portal.test/account");
    expect(activation?.parsed.text).toContain("Contoso Analytics");
    expect(activation?.parsed.text).toContain("http://portal.test/account");
    expect(activation?.from).toBe("portal@isv.example");

    expect(teams.received).toHaveLength(2);
    const card = JSON.parse(teams.received[0]!.body);
    expect(card.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card.attachments[0].content.type).toBe("AdaptiveCard");
    expect(slack.received).toHaveLength(2);
    expect(JSON.parse(slack.received[0]!.body).blocks[0].type).toBe("header");

    const log = await listNotificationDeliveries(t.db, { limit: 200 });
    expect(log.every((d) => d.status === "succeeded")).toBe(true);
    expect(log.find((d) => d.channelKind === "email")?.lastResponse).toMatch(/^250 .*Queued as test-/);
    expect(log.find((d) => d.channelKind === "teams")?.lastResponse).toMatch(/^HTTP 202/);
  });

  it("renders each message as HTML and plain text with the owner's subject and intro", async () => {
    await saveTemplate(deps, {
      eventType: "subscription.activated",
      subject: "Welcome to {product}, {subscription}",
      intro: "Glad to have you.",
    });
    const ctx = {
      eventType: "subscription.activated",
      occurredAt: new Date().toISOString(),
      audience: "buyer" as const,
      subscription: {
        id: subscriptionId,
        name: "Sub",
        offerId: "o",
        offerName: "Contoso Analytics",
        planId: "p",
        quantity: 5,
        status: "Subscribed",
      },
    };
    const m = await renderEmail(ctx, branding, {
      "subscription.activated": { subject: "Welcome to {product}, {subscription}", intro: "Glad to have you." },
    });
    expect(m.subject).toBe("Welcome to Contoso Analytics, Sub");
    expect(m.html).toMatch(/^<!DOCTYPE html/i);
    expect(m.html).toContain("Glad to have you.");
    expect(m.text).toContain("Glad to have you.");
    expect(m.text).not.toContain("<");
    expect(m.text).toContain("Seats: 5");
  });

  it("retries a failing SMTP server, then shows the delivery failed with the server's answer; replay sends it again", async () => {
    const broken = await startSmtpServer({ reject: true });
    try {
      const channel = await createChannel(deps, { kind: "email", name: "Broken relay", target: broken.url, mailFrom: "" });
      if (!channel.ok) throw new Error("channel refused");
      const test = await sendTestMessage(deps, { id: channel.channel.id });
      expect(test.ok && test.sent?.outcome).toBe("retried");
      await vi.waitFor(
        async () => {
          await processNotifications(t.db, deliver);
          const [row] = await t.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.channelId, channel.channel.id));
          expect(row?.status).toBe("failed");
          expect(row?.attempts).toBe(3);
          expect(row?.lastResponse).toContain("451");
        },
        { timeout: 20_000, interval: 100 },
      );
      const [row] = await t.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.channelId, channel.channel.id));
      const replay = await replayNotification(deps, { deliveryId: row!.id });
      expect(replay.ok && replay.sent?.outcome).toBe("retried");
    } finally {
      await broken.close();
    }
  });

  it("never lets a failing channel hold up the others", async () => {
    const down = await createChannel(deps, { kind: "slack", name: "down", target: "http://127.0.0.1:9/hooks", mailFrom: "" });
    if (!down.ok) throw new Error("refused");
    await insertRules(t.db, [{ channelId: down.channel.id, eventTypes: ["subscription.activated"] }]);
    await audit(t.db, "subscription.activated", { subscriptionId });
    const summary = await processNotifications(t.db, deliver);
    expect(summary.retried).toBeGreaterThanOrEqual(1);
    const [row] = await t.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.channelId, down.channel.id));
    expect(row?.lastError).toContain("ECONNREFUSED");
    expect(slack.received).toHaveLength(1);
    expect(teams.received).toHaveLength(1);
  });

  it("holds a noisy type for the daily digest and sends one message for the day", async () => {
    const channel = await createChannel(deps, { kind: "email", name: "Digest", target: smtp.url, mailFrom: "" });
    if (!channel.ok) throw new Error("refused");
    await insertRules(t.db, [
      { channelId: channel.channel.id, eventTypes: ["usage.reported"], addresses: ["finance@isv.example"], digest: true },
    ]);
    await audit(t.db, "usage.reported", { subscriptionId });
    await audit(t.db, "usage.reported", { subscriptionId });
    await drain();
    expect(smtp.received.filter((m) => m.to.includes("finance@isv.example"))).toHaveLength(0);

    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
    await processNotifications(t.db, { ...deliver, now: () => tomorrow });
    await processNotifications(t.db, { ...deliver, now: () => tomorrow });
    const digests = smtp.received.filter((m) => m.to.includes("finance@isv.example"));
    expect(digests.map((m) => m.parsed.subject)).toEqual(["Marketplace SaaS Portal: notifications of the day"]);
    expect(digests[0]!.parsed.text!.match(/Usage reported to Microsoft/g)).toHaveLength(2);
  });

  it("keeps secrets out of the database, the pages' text and the logs", async () => {
    const logs = captureLogs();
    try {
      const channels = await t.db.select().from(notificationChannels);
      for (const c of channels) {
        expect(c.target ?? "").not.toContain(PASSWORD);
        expect(describeTarget(c, secrets)).not.toContain(PASSWORD);
        expect(describeTarget(c, secrets)).not.toContain("/hooks");
      }
      const bad = await createChannel(deps, { kind: "email", name: "x", target: `ftp://mailer:${PASSWORD}@host`, mailFrom: "" });
      expect(JSON.stringify(bad)).not.toContain(PASSWORD);
      const log = await listNotificationDeliveries(t.db, { limit: 200 });
      expect(JSON.stringify(log)).not.toContain(PASSWORD);
    } finally {
      logs.restore();
      expect(logs.raw.join("\n")).not.toContain(PASSWORD);
    }
  });

  it("creates the SMTP_URL channel with the default rules on the first start only", async () => {
    const first = await ensureConfiguredChannel(t.db, { smtpUrl: smtp.url });
    expect(first?.target).toBeNull();
    expect(await ensureConfiguredChannel(t.db, { smtpUrl: smtp.url })).toBeNull();
  });
});
