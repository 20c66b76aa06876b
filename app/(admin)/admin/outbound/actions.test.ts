import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listAuditEvents } from "@/db/queries/audit-events";
import { getEndpoint, listDeliveries } from "@/db/queries/outbound";
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

describe.each(testDatabases("one"))("outbound staff actions on %s", (kind) => {
  captureRefusalWarnings();
  let t: TestDatabase;
  let receiver: Receiver;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    state.db = t.db;
    receiver = await startReceiver((_, i) => (i === 0 ? 200 : 500));
  });
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  it("lets owners manage endpoints and operators test and replay, with an audit event each and never the secret", async () => {
    state.user = as("operator@isv.example");
    const input = {
      url: receiver.url,
      description: "Billing",
      enabled: "on",
      eventTypes: ["subscription.activated", "subscription.cancelled"],
    };
    expect(await actions.createEndpointAction(null, input)).toMatchObject({ ok: false, error: expect.stringMatching(/owner role/) });

    state.user = as("owner@isv.example");
    const created = await actions.createEndpointAction(null, input);
    if (!created.ok) throw new Error(created.error);
    const { id, secret } = created.data as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect(await getEndpoint(t.db, id)).toMatchObject({ url: receiver.url, enabled: true, createdBy: "owner@isv.example" });

    state.user = as("operator@isv.example");
    expect(await actions.revealSecretAction(null, { id })).toMatchObject({ ok: false });
    expect(await actions.sendTestEventAction(null, { id })).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Test event delivered: HTTP 200/),
    });
    const call = receiver.received[0]!;
    expect(new Webhook(secret).verify(call.body, call.headers as Record<string, string>)).toMatchObject({ type: "outbound.test" });

    // The receiver fails from its second call on: the replay says so and leaves the retry to the worker.
    const [delivery] = await listDeliveries(t.db, { endpointId: id });
    expect(await actions.replayDeliveryAction(null, { deliveryId: delivery!.id })).toMatchObject({
      ok: true,
      message: expect.stringMatching(/HTTP 500.*retried automatically/),
    });

    state.user = as("viewer@isv.example");
    expect(await actions.sendTestEventAction(null, { id })).toMatchObject({ ok: false, error: expect.stringMatching(/operator role/) });

    state.user = as("owner@isv.example");
    expect(await actions.revealSecretAction(null, { id })).toMatchObject({ ok: true, data: { secret } });
    const rotated = await actions.rotateSecretAction(null, { id });
    expect(rotated).toMatchObject({ ok: true, data: { secret: expect.not.stringMatching(secret) } });
    expect(await actions.setEndpointEnabledAction(null, { id })).toMatchObject({ ok: true, message: expect.stringMatching(/disabled/) });
    // Deleting leaves the endpoint's page: the action ends in a redirect to the list.
    await expect(actions.deleteEndpointAction(null, { id })).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/admin\/outbound;/),
    });
    expect(await getEndpoint(t.db, id)).toBeUndefined();

    const audits = await listAuditEvents(t.db, { targetType: "outbound_endpoint", targetId: id });
    expect(audits.map((a) => a.action).reverse()).toEqual([
      "outbound.endpoint_created",
      "outbound.test_sent",
      "outbound.secret_revealed",
      "outbound.secret_rotated",
      "outbound.endpoint_disabled",
      "outbound.endpoint_deleted",
    ]);
    expect(JSON.stringify(audits)).not.toContain(secret.slice(6, 20));
  });

  it("refuses bad input field by field", async () => {
    state.user = as("owner@isv.example");
    expect(
      await actions.createEndpointAction(null, { url: "ftp://files.example/x", eventTypes: ["subscription.activated"] }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { url: expect.stringMatching(/http and https/) },
    });
    expect(await actions.createEndpointAction(null, { url: "https://a.example/x", eventTypes: [] })).toMatchObject({
      ok: false,
      fieldErrors: { eventTypes: "Choose at least one event" },
    });
    expect(await actions.createEndpointAction(null, { url: "https://a.example/x", eventTypes: "subscription.exploded" })).toMatchObject({
      ok: false,
      fieldErrors: { eventTypes: expect.any(String) },
    });
    expect(
      await actions.updateEndpointAction(null, { id: randomUUID(), url: "https://a.example/x", eventTypes: "usage.rejected" }),
    ).toMatchObject({ ok: false, error: "That endpoint no longer exists." });
  });
});
