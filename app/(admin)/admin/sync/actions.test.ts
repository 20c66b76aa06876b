import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getSubscriptionById } from "@/db/queries/subscriptions";
import { countDrift, getSyncRun, listSyncRuns, saveAutoHealDrift } from "@/db/queries/sync";
import { auditEvents } from "@/db/schema";
import type { PortalUser } from "@/lib/auth";
import { SIMULATOR_TENANT_ID } from "@/lib/env";
import { runSync } from "@/lib/sync/run-sync";
import { startSyncFixture, type SyncFixture } from "@/lib/sync/testing/fixture";
import { seedSimulatorSubscriptions } from "@/lib/sync/testing/sim-subscriptions";
import { testDatabases } from "@/test/db";
import { captureRefusalWarnings } from "@/test/console";

const state = vi.hoisted(() => ({ user: null as PortalUser | null, db: null as unknown, client: null as unknown }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => state.user }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("@/lib/services/marketplace", () => ({ getMarketplaceClient: () => state.client }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("@/test/next-headers"));

const { startSyncAction, acceptDriftAction, acceptAllDriftAction } = await import("./actions");
const as = (email: string): PortalUser => ({ id: randomUUID(), email, name: email, tenantId: SIMULATOR_TENANT_ID, roles: [] });

const settled = async (db: SyncFixture["h"]["db"]["db"], id: string) => {
  for (let i = 0; i < 500; i++) {
    const run = await getSyncRun(db, id);
    if (run && run.status !== "running") return run;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("sync did not finish");
};

describe.each(testDatabases("one"))("sync page actions on %s", (kind) => {
  captureRefusalWarnings();
  let f: SyncFixture;
  let ids: string[];
  beforeAll(async () => {
    f = await startSyncFixture(kind);
    state.db = f.h.db.db;
    state.client = f.client;
  });
  afterAll(async () => f?.h.close());
  beforeEach(async () => {
    await f.h.reset();
    await f.clearPortal();
    // Drift stays for staff here; heal-drift.test.ts covers the automatic path.
    await saveAutoHealDrift(f.h.db.db, false, null);
    ids = await seedSimulatorSubscriptions(f.h.db.db, 3);
  });

  it("lets operators start a sync that finishes in the background, and viewers only watch", async () => {
    state.user = as("viewer@isv.example");
    expect(await startSyncAction(null, new FormData())).toMatchObject({ ok: false, error: expect.stringMatching(/operator role/) });
    expect(await listSyncRuns(f.h.db.db)).toEqual([]);

    state.user = as("operator@isv.example");
    const started = await startSyncAction(null, new FormData());
    expect(started).toMatchObject({ ok: true, data: { runId: expect.any(String) } });
    const runId = (started as { data: { runId: string } }).data.runId;
    expect(await startSyncAction(null, new FormData())).toMatchObject({ ok: false, error: expect.stringMatching(/already running/) });
    expect(await settled(f.h.db.db, runId)).toMatchObject({ status: "succeeded", imported: 3, startedBy: "operator@isv.example" });
    const [event] = await f.h.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "sync.started"), eq(auditEvents.targetId, runId)));
    expect(event).toMatchObject({ actorType: "staff", actorEmail: "operator@isv.example" });
  });

  it("accepts drift for one subscription, and for all only when confirmed", async () => {
    await runSync(f.h.db.db, f.client);
    for (const id of ids) expect((await f.h.call("POST", `/_sim/subscriptions/${id}/suspend`, { body: {} })).status).toBe(200);
    await runSync(f.h.db.db, f.client);

    state.user = as("viewer@isv.example");
    expect(await acceptDriftAction(null, { subscriptionId: ids[0] })).toMatchObject({ ok: false });
    state.user = as("operator@isv.example");
    expect(await acceptDriftAction(null, { subscriptionId: "not-a-guid" })).toMatchObject({
      ok: false,
      fieldErrors: { subscriptionId: expect.any(String) },
    });
    expect(await acceptDriftAction(null, { subscriptionId: ids[0] })).toMatchObject({
      ok: true,
      message: "Took Microsoft's version of 1 field.",
    });
    expect(await acceptDriftAction(null, { subscriptionId: ids[0] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no drift/),
    });
    expect(await getSubscriptionById(f.h.db.db, ids[0]!)).toMatchObject({ status: "Suspended" });

    expect(await acceptAllDriftAction(null, {})).toMatchObject({ ok: false, fieldErrors: { confirm: expect.any(String) } });
    expect(await countDrift(f.h.db.db)).toEqual({ subscriptions: 2, fields: 2 });
    expect(await acceptAllDriftAction(null, { confirm: "on" })).toMatchObject({ ok: true, message: "Updated 2 subscriptions (2 fields)." });
    const accepted = await f.h.db.db.select().from(auditEvents).where(eq(auditEvents.action, "subscription.drift_accepted"));
    expect(accepted.filter((e) => ids.includes(e.targetId))).toHaveLength(3);
  });
});
