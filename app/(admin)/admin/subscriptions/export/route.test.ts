import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import type { PortalUser } from "@/lib/auth";
import { SIMULATOR_TENANT_ID } from "@/lib/env";
import { listAuditEvents } from "@/db/queries/audit-events";
import { subscriptions } from "@/db/schema";

const state = vi.hoisted(() => ({ user: null as PortalUser | null, db: null as unknown }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => state.user }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));

const { GET } = await import("./route");

describe.each(testDatabases("one"))("subscriptions CSV export on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    state.db = t.db;
    await t.db.insert(subscriptions).values(
      Array.from({ length: 1203 }, (_, i) => ({
        id: randomUUID(),
        name: i === 7 ? '=cmd|" /C calc"!A0' : `Customer ${i}, Inc.`,
        offerId: "analytics",
        planId: i % 3 === 0 ? "gold" : "basic",
        status: "Subscribed" as const,
        createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      })),
    );
  });
  afterAll(async () => t?.close());

  const viewer: PortalUser = { id: randomUUID(), email: "viewer@isv.example", name: "Viewer", tenantId: SIMULATOR_TENANT_ID, roles: [] };

  it("refuses signed-out callers and people who are not staff", async () => {
    state.user = null;
    expect((await GET(new Request("http://portal.test/admin/subscriptions/export"))).status).toBe(401);
    state.user = { ...viewer, email: "buyer@contoso.example", tenantId: randomUUID() };
    expect((await GET(new Request("http://portal.test/admin/subscriptions/export"))).status).toBe(403);
  });

  it("streams every row of the current filter, in order, and records who exported", async () => {
    state.user = viewer;
    const res = await GET(new Request("http://portal.test/admin/subscriptions/export?plan=basic&sort=created&dir=asc&after=ignored"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="subscriptions-.*\.csv"$/);
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean);
    expect(lines[0]).toMatch(/^subscription_id,name,offer_id,plan_id,/);
    expect(lines).toHaveLength(1 + 802);
    expect(lines[1]).toContain('"Customer 1, Inc.",analytics,basic');
    expect(lines.at(-1)).toContain('"Customer 1202, Inc."');
    expect(lines.some((l) => l.includes("'=cmd"))).toBe(true);
    const [event] = await listAuditEvents(t.db, { targetType: "subscriptions" });
    expect(event).toMatchObject({
      action: "subscriptions.exported",
      actorEmail: "viewer@isv.example",
      metadata: { filters: { planId: "basic" } },
    });
  });
});
