import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents } from "@/db/schema";
import type { PortalUser } from "@/lib/auth";
import { SIMULATOR_TENANT_ID } from "@/lib/env";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { parseCsv } from "@/test/csv";

const state = vi.hoisted(() => ({ user: null as PortalUser | null, db: null as unknown }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => state.user }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));

const { GET } = await import("./route");
const as = (email: string, tenantId = SIMULATOR_TENANT_ID): PortalUser => ({ id: randomUUID(), email, name: email, tenantId, roles: [] });
const get = (query = "") => GET(new Request(`http://portal.test/admin/audit/export${query}`));

describe.each(testDatabases("one"))("audit CSV export on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    state.db = t.db;
    await t.db.insert(auditEvents).values([
      {
        occurredAt: new Date("2026-03-01T10:00:00Z"),
        actorType: "staff",
        actorEmail: '=HYPERLINK("http://evil")@isv.example',
        action: "offer.updated",
        targetType: "offer",
        targetId: "contoso, analytics",
        changes: { description: { from: 'Says "hi"', to: "line one\nline two" } },
        requestId: "req-1",
        correlationId: "corr-1",
      },
      ...Array.from({ length: 1500 }, () => ({
        occurredAt: new Date("2026-03-02T10:00:00Z"),
        actorType: "system" as const,
        action: "subscription.imported",
        targetType: "subscription",
        targetId: randomUUID(),
      })),
    ]);
  });
  afterAll(async () => t?.close());

  it("refuses signed-out callers and anyone who is not staff", async () => {
    state.user = null;
    expect((await get()).status).toBe(401);
    state.user = as("alex@contoso.example", "c0a70500-0000-4000-8000-000000000001");
    expect((await get()).status).toBe(403);
  });

  it("escapes commas, quotes, line breaks and formulas, keeps JSON intact, and records the export", async () => {
    state.user = as("viewer@isv.example");
    const res = await get("?action=offer.updated");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    const text = (await res.text()).replace(/^\uFEFF/, "");
    const [header, row, ...rest] = parseCsv(text);
    expect(header).toEqual([
      "id",
      "occurred_at",
      "actor_type",
      "actor_id",
      "actor_email",
      "action",
      "target_type",
      "target_id",
      "changes",
      "metadata",
      "request_id",
      "correlation_id",
    ]);
    expect(rest).toEqual([]);
    expect(row).toHaveLength(12);
    expect(row![4]).toBe('\'=HYPERLINK("http://evil")@isv.example');
    expect(row![7]).toBe("contoso, analytics");
    expect(JSON.parse(row![8]!)).toEqual({ description: { from: 'Says "hi"', to: "line one\nline two" } });
    expect(row!.slice(9)).toEqual(["", "req-1", "corr-1"]);
    const [exported] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "audit.exported"));
    expect(exported).toMatchObject({ actorEmail: "viewer@isv.example", metadata: { filters: { action: "offer.updated" } } });
  });

  it("streams every matching row across batches, newest first, within the date range", async () => {
    state.user = as("viewer@isv.example");
    const rows = parseCsv((await (await get("?from=2026-03-02&to=2026-03-02")).text()).replace(/^\uFEFF/, ""));
    expect(rows).toHaveLength(1 + 1500);
    expect(rows.slice(1).every((r) => r[5] === "subscription.imported")).toBe(true);
    expect(Number(rows[1]![0])).toBeGreaterThan(Number(rows[1500]![0]));
  });
});
