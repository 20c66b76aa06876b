import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { auditEvents, offers, plans, type NewAuditEvent } from "../schema";
import { iterateAuditEvents, listAuditPage, listAuditTargetNames, listAuditVocabulary, type AuditFilters } from "./admin-audit";
import { insertApiKey } from "./api-keys";
import { upsertSubscription } from "./subscriptions";

const SUB = "3a0f2c1e-0000-4000-8000-00000000000a";
const day = (d: number, h = 12) => new Date(Date.UTC(2026, 2, d, h));

describe.each(testDatabases("both"))("audit log queries on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const rows: NewAuditEvent[] = [
      {
        occurredAt: day(1),
        actorType: "staff",
        actorId: "u-1",
        actorEmail: "owner@isv.example",
        action: "offer.updated",
        targetType: "offer",
        targetId: "contoso-analytics",
      },
      {
        occurredAt: day(2),
        actorType: "marketplace",
        actorId: "Azure",
        action: "subscription.suspended",
        targetType: "subscription",
        targetId: SUB,
        correlationId: "c-1",
      },
      {
        occurredAt: day(3),
        actorType: "staff",
        actorId: "u-2",
        actorEmail: "operator@isv.example",
        action: "subscription.drift_accepted",
        targetType: "subscription",
        targetId: SUB,
      },
      { occurredAt: day(4), actorType: "system", action: "sync.completed", targetType: "sync_run", targetId: "r-1" },
      ...Array.from({ length: 120 }, (_, i): NewAuditEvent => ({
        occurredAt: day(5, 0),
        actorType: "system",
        action: "subscription.imported",
        targetType: "subscription",
        targetId: `imported-${i}`,
      })),
    ];
    await t.db.insert(auditEvents).values(rows);
  });
  afterAll(async () => t?.close());

  const actions = async (filters: AuditFilters) => (await listAuditPage(t.db, { filters, limit: 500 })).rows.map((r) => r.action);

  it("filters by actor e-mail, ID or type, by exact action or a prefix, by target and by date range", async () => {
    expect(await actions({ actor: "OPERATOR@" })).toEqual(["subscription.drift_accepted"]);
    expect(await actions({ actor: "u-1" })).toEqual(["offer.updated"]);
    expect(await actions({ actor: "marketplace" })).toEqual(["subscription.suspended"]);
    expect(await actions({ action: "sync.completed" })).toEqual(["sync.completed"]);
    expect(await actions({ action: "subscription.", targetId: SUB.toUpperCase() })).toEqual([
      "subscription.drift_accepted",
      "subscription.suspended",
    ]);
    expect(await actions({ targetType: "offer" })).toEqual(["offer.updated"]);
    expect(await actions({ from: day(2, 0), to: day(4, 0) })).toEqual(["subscription.drift_accepted", "subscription.suspended"]);
    // LIKE wildcards in the search are taken literally.
    expect(await actions({ actor: "%" })).toEqual([]);
    expect(await actions({ action: "subscriptio_." })).toEqual([]);
  });

  it("pages newest first with keyset cursors both ways", async () => {
    const first = await listAuditPage(t.db, { filters: {}, limit: 50 });
    expect(first.rows).toHaveLength(50);
    expect(first.prev).toBeNull();
    expect(first.rows[0]!.id).toBeGreaterThan(first.rows[49]!.id);
    const second = await listAuditPage(t.db, { filters: {}, after: first.next!, limit: 50 });
    expect(second.rows[0]!.id).toBe(first.rows[49]!.id - 1);
    const third = await listAuditPage(t.db, { filters: {}, after: second.next!, limit: 50 });
    expect(third.rows).toHaveLength(24);
    expect(third.next).toBeNull();
    const back = await listAuditPage(t.db, { filters: {}, before: second.prev!, limit: 50 });
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(back.prev).toBeNull();

    let n = 0;
    for await (const batch of iterateAuditEvents(t.db, { action: "subscription.imported" }, 50)) n += batch.length;
    expect(n).toBe(120);
  });

  it("lists the actions and target types recorded, for the filter menus", async () => {
    const v = await listAuditVocabulary(t.db);
    expect(v.actions).toEqual([
      "offer.updated",
      "subscription.drift_accepted",
      "subscription.imported",
      "subscription.suspended",
      "sync.completed",
    ]);
    expect(v.targetTypes).toEqual(["offer", "subscription", "sync_run"]);
  });
});

describe.each(testDatabases("one"))("audit target names on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  it("names subscriptions, offers, plans and API keys, and leaves unknown targets unnamed", async () => {
    await t.db.insert(offers).values({ id: "names-offer", displayName: "Names Offer" });
    await t.db.insert(plans).values({ offerId: "names-offer", planId: "gold", displayName: "Gold" });
    await upsertSubscription(t.db, { id: SUB, name: "Contoso HQ", offerId: "names-offer", planId: "gold", status: "Subscribed" });
    const key = await insertApiKey(t.db, {
      name: "Billing bot",
      prefix: "names1",
      secretHash: "x",
      scopes: ["usage:write"],
      createdBy: "owner@isv.example",
    });
    const names = await listAuditTargetNames(t.db, [
      { targetType: "subscription", targetId: SUB.toUpperCase() },
      { targetType: "offer", targetId: "names-offer" },
      { targetType: "plan", targetId: "names-offer/gold" },
      { targetType: "api_key", targetId: key.id },
      { targetType: "api_key", targetId: "not-a-guid" },
      { targetType: "subscription", targetId: "3a0f2c1e-0000-4000-8000-0000000000ff" },
      { targetType: "staff", targetId: "ops@isv.example" },
    ]);
    expect(names.map((n) => [n.type, n.id, n.name]).sort()).toEqual(
      [
        ["subscription", SUB.toUpperCase(), "Contoso HQ"],
        ["offer", "names-offer", "Names Offer"],
        ["plan", "names-offer/gold", "Gold"],
        ["api_key", key.id, "Billing bot"],
      ].sort(),
    );
  });
});
