import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/db/queries/audit-events";
import { getEndpoint } from "@/db/queries/outbound";
import { auditEvents, outboundEndpoints } from "@/db/schema";
import type { Actor } from "@/lib/subscriptions/activate";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { createEndpoint, deleteEndpoint, type EndpointDeps } from "./endpoints";

const staff: Actor = { type: "staff", id: "u-owner", email: "owner@isv.example" };
// The database refuses this actor type (actor_type enum), so the audit insert itself fails.
const refusedByAudit = { type: "nobody", id: null, email: "owner@isv.example" } as unknown as Actor;
const fields = { url: "http://127.0.0.1:9/hook", description: "", enabled: true, eventTypes: ["subscription.renewed" as const] };

describe.each(testDatabases("one"))("outbound endpoint changes and their audit events (%s)", (kind) => {
  let t: TestDatabase;
  const deps = (actor: Actor): EndpointDeps => ({
    db: t.db,
    actorEmail: actor.email,
    actor,
    policy: { allowPrivateNetworks: true },
    resolve: async () => ["127.0.0.1"],
  });
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.db.delete(outboundEndpoints);
  });

  it("stores the endpoint and its audit event together", async () => {
    const created = await createEndpoint(deps(staff), fields);
    if (!created.ok) throw new Error(created.code);
    const events = await listAuditEvents(t.db, { targetType: "outbound_endpoint", targetId: created.endpoint.id });
    expect(events).toMatchObject([
      { action: "outbound.endpoint_created", actorType: "staff", actorId: "u-owner", actorEmail: "owner@isv.example" },
    ]);
  });

  it("stores neither when the audit event cannot be written", async () => {
    const before = await t.db.$count(auditEvents);
    await expect(createEndpoint(deps(refusedByAudit), fields)).rejects.toThrow();
    expect(await t.db.$count(outboundEndpoints)).toBe(0);
    expect(await t.db.$count(auditEvents)).toBe(before);
  });

  it("keeps the endpoint when its deletion cannot be audited", async () => {
    const created = await createEndpoint(deps(staff), fields);
    if (!created.ok) throw new Error(created.code);
    await expect(deleteEndpoint(deps(refusedByAudit), { id: created.endpoint.id })).rejects.toThrow();
    expect(await getEndpoint(t.db, created.endpoint.id)).toMatchObject({ url: fields.url });
    expect(await listAuditEvents(t.db, { targetType: "outbound_endpoint", targetId: created.endpoint.id })).toHaveLength(1);
  });
});
