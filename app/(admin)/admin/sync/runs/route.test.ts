import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { listAuditEvents } from "@/db/queries/audit-events";
import { getSyncRun, listSyncRuns } from "@/db/queries/sync";
import type { Actor } from "@/lib/subscriptions/activate";
import { claimSyncRun } from "@/lib/sync/claim";
import type { PortalUser } from "@/lib/auth";
import { SIMULATOR_TENANT_ID } from "@/lib/env";
import { startSyncFixture, type SyncFixture } from "@/lib/sync/testing/fixture";
import { seedSimulatorSubscriptions } from "@/lib/sync/testing/sim-subscriptions";
import { testDatabases } from "@/test/db";

const state = vi.hoisted(() => ({ user: null as PortalUser | null, db: null as unknown, client: null as unknown }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => state.user }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("@/lib/services/marketplace", () => ({ getMarketplaceClient: () => state.client }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("@/test/next-headers"));

const { GET, POST } = await import("./route");
const { startSyncAction } = await import("../actions");
const as = (email: string): PortalUser => ({ id: randomUUID(), email, name: email, tenantId: SIMULATOR_TENANT_ID, roles: [] });
const post = (headers: Record<string, string>) =>
  POST(new Request("http://localhost:3000/admin/sync/runs", { method: "POST", headers, body: "{}" }));

describe.each(testDatabases("one"))("sync runs route on %s", (kind) => {
  let f: SyncFixture;
  beforeAll(async () => {
    f = await startSyncFixture(kind);
    state.db = f.h.db.db;
    state.client = f.client;
  });
  afterAll(async () => f?.h.close());
  beforeEach(async () => {
    await f.h.reset();
    await f.clearPortal();
    await seedSimulatorSubscriptions(f.h.db.db, 2);
  });

  it("refuses cross-site and form posts before looking at the session, and callers below operator", async () => {
    state.user = as("operator@isv.example");
    expect((await post({ "content-type": "application/json", origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
    state.user = null;
    expect((await post({ "content-type": "application/json" })).status).toBe(401);
    expect((await GET()).status).toBe(401);
    state.user = as("viewer@isv.example");
    expect((await post({ "content-type": "application/json" })).status).toBe(403);
  });

  it("starts one run (202), answers 409 while it runs, and lists runs for viewers", async () => {
    state.user = as("operator@isv.example");
    const res = await post({ "content-type": "application/json", origin: "http://localhost:3000" });
    expect(res.status).toBe(202);
    const { run } = (await res.json()) as { run: { id: string; status: string } };
    expect(run.status).toBe("running");
    expect((await post({ "content-type": "application/json" })).status).toBe(409);
    for (let i = 0; i < 500 && (await getSyncRun(f.h.db.db, run.id))?.status === "running"; i++)
      await new Promise((r) => setTimeout(r, 20));

    state.user = as("viewer@isv.example");
    const list = await GET();
    expect(list.headers.get("cache-control")).toBe("no-store");
    expect(await list.json()).toMatchObject({ runs: [{ id: run.id, status: "succeeded", imported: 2 }] });
  });

  const finish = async (id: string) => {
    for (let i = 0; i < 500 && (await getSyncRun(f.h.db.db, id))?.status === "running"; i++) await new Promise((r) => setTimeout(r, 20));
  };
  const startedEvent = async (runId: string) => {
    const events = await listAuditEvents(f.h.db.db, { targetType: "sync_run", targetId: runId });
    const event = events.find((e) => e.action === "sync.started");
    const { id: _id, occurredAt: _at, targetId: _target, ...row } = event!;
    return row;
  };

  it("writes the same sync.started row whether the button or the route started the run", async () => {
    const operator = as("operator@isv.example");
    state.user = operator;
    const byAction = await startSyncAction(null, new FormData());
    if (!byAction.ok) throw new Error(byAction.error);
    const actionRun = (byAction.data as { runId: string }).runId;
    await finish(actionRun);
    const res = await post({ "content-type": "application/json" });
    expect(res.status).toBe(202);
    const routeRun = ((await res.json()) as { run: { id: string } }).run.id;
    await finish(routeRun);

    const fromAction = await startedEvent(actionRun);
    expect(fromAction).toMatchObject({
      action: "sync.started",
      actorType: "staff",
      actorId: operator.id,
      actorEmail: "operator@isv.example",
      metadata: { trigger: "manual" },
    });
    expect(await startedEvent(routeRun)).toEqual(fromAction);
  });

  it("claims no run when its sync.started event cannot be written", async () => {
    // The database refuses this actor type (actor_type enum), so the audit insert itself fails.
    const refused = { type: "nobody", id: null, email: "operator@isv.example" } as unknown as Actor;
    await expect(claimSyncRun(f.h.db.db, { trigger: "manual", startedBy: "operator@isv.example", actor: refused })).rejects.toThrow();
    expect(await listSyncRuns(f.h.db.db)).toEqual([]);
  });
});
