import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listAuditEvents } from "@/db/queries/audit-events";
import { listChannels, listNotificationDeliveries, listRules } from "@/db/queries/notifications";
import type { PortalUser } from "@/lib/auth";
import { SIMULATOR_TENANT_ID } from "@/lib/env";
import { startReceiver, type Receiver } from "@/lib/outbound/testing/receiver";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { captureRefusalWarnings } from "@/test/console";

const state = vi.hoisted(() => ({ user: null as PortalUser | null, db: null as unknown }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => state.user }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("@/test/next-headers"));

const actions = await import("./actions");
const as = (email: string): PortalUser => ({ id: randomUUID(), email, name: email, tenantId: SIMULATOR_TENANT_ID, roles: [] });

describe.each(testDatabases("one"))("notification actions on %s", (kind) => {
  captureRefusalWarnings();
  let t: TestDatabase;
  let slack: Receiver;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    state.db = t.db;
    slack = await startReceiver(() => ({ status: 200, body: "ok" }));
  });
  afterAll(async () => {
    await slack?.close();
    await t?.close();
  });

  it("refuses operators, lets owners add, test and remove a channel, and never echoes the webhook URL", async () => {
    const hook = `${slack.url}/T000/B000/XXXXSECRETPATH`;
    const input = { kind: "slack", name: "Ops Slack", target: hook };
    state.user = as("operator@isv.example");
    expect(await actions.createChannelAction(null, input)).toMatchObject({ ok: false, error: expect.stringMatching(/owner role/) });
    expect(await actions.previewTemplateAction(null, { eventType: "subscription.activated" })).toMatchObject({ ok: false });

    state.user = as("owner@isv.example");
    const created = await actions.createChannelAction(null, input);
    expect(created).toMatchObject({ ok: true });
    expect(JSON.stringify(created)).not.toContain("SECRETPATH");
    const [channel] = await listChannels(t.db);
    const tested = await actions.sendTestNotificationAction(null, { id: channel!.id });
    expect(tested).toMatchObject({ ok: true, message: "Test message delivered (HTTP 200 ok)." });
    expect(JSON.parse(slack.received[0]!.body).text).toBe("Test message from Marketplace SaaS Portal");

    expect(
      await actions.createRuleAction(null, { channelId: channel!.id, eventTypes: ["subscription.cancelled"], digest: "on" }),
    ).toMatchObject({
      ok: true,
    });
    expect(await listRules(t.db)).toMatchObject([{ channelId: channel!.id, eventTypes: ["subscription.cancelled"], digest: true }]);

    const [delivery] = await listNotificationDeliveries(t.db);
    expect(await actions.replayNotificationAction(null, { deliveryId: delivery!.id })).toMatchObject({ ok: true });
    expect(slack.received).toHaveLength(2);

    const events = await listAuditEvents(t.db, { limit: 20 });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        "notification.channel_created",
        "notification.test_sent",
        "notification.rule_created",
        "notification.delivery_replayed",
      ]),
    );
    expect(JSON.stringify(events)).not.toContain("SECRETPATH");

    expect(await actions.removeChannelAction(null, { id: channel!.id })).toMatchObject({ ok: true });
    expect(await listChannels(t.db)).toEqual([]);
  });

  it("previews a template with unsaved words and saves it", async () => {
    state.user = as("owner@isv.example");
    const preview = await actions.previewTemplateAction(null, {
      eventType: "subscription.activated",
      audience: "buyer",
      subject: "Hello {product}",
      intro: "Thanks.",
    });
    expect(preview).toMatchObject({ ok: true, data: { subject: "Hello Sample offer", text: expect.stringContaining("Thanks.") } });
    expect(await actions.saveTemplateAction(null, { eventType: "subscription.activated", subject: "Hello {product}" })).toMatchObject({
      ok: true,
    });
    expect(await actions.saveTemplateAction(null, { eventType: "nope" })).toMatchObject({
      ok: false,
      fieldErrors: { eventType: expect.any(String) },
    });
  });
});
