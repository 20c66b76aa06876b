import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getSyncSettings } from "@/db/queries/sync";
import { auditEvents } from "@/db/schema";
import type { PortalUser } from "@/lib/auth";
import { SIMULATOR_TENANT_ID } from "@/lib/env";
import type { ConnectionReport } from "@/lib/sync/connection-check";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { captureRefusalWarnings } from "@/test/console";

const state = vi.hoisted(() => ({ user: null as PortalUser | null, db: null as unknown, checks: 0, doctorDb: null as unknown }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => state.user }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
// The check itself runs against the simulator in lib/sync/connection-check.test.ts; here only who may run it.
vi.mock("@/lib/sync/connection-check", () => ({
  checkMarketplaceConnection: async (): Promise<ConnectionReport> => {
    state.checks++;
    return {
      mode: "simulator",
      apiBaseUrl: "http://localhost:3000/api/simulator",
      checkedAt: new Date().toISOString(),
      token: { ok: true, audience: "20e940b3-4c77-4b0b-9a53-9e16a1b010a7" },
      call: { ok: false, status: 403, requestId: "7f0c5e2a-0000-4000-8000-000000000001", correlationId: "c", error: "Forbidden (403)" },
    };
  },
}));

// The doctor's checks run against the simulator in lib/doctor/checks.test.ts; here only who may run them, on which database.
vi.mock("@/lib/doctor/checks", () => ({
  runDoctor: async (_env: unknown, deps: { withDb: (fn: (db: unknown) => Promise<unknown>) => Promise<unknown> }) => {
    state.doctorDb = await deps.withDb(async (db) => db);
    return [{ id: "environment", title: "Environment", status: "pass", detail: "valid" }];
  },
}));

const { checkConnectionAction, runDoctorAction, updateAutoHealDriftAction, updateSyncIntervalAction } = await import("./actions");
const as = (email: string): PortalUser => ({ id: randomUUID(), email, name: email, tenantId: SIMULATOR_TENANT_ID, roles: [] });

describe.each(testDatabases("one"))("settings actions on %s", (kind) => {
  captureRefusalWarnings();
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    state.db = t.db;
  });
  afterAll(async () => t?.close());

  it("runs the connection check for owners only and records its outcome with the request ID", async () => {
    state.checks = 0;
    state.user = as("operator@isv.example");
    expect(await checkConnectionAction(null, new FormData())).toMatchObject({ ok: false, error: expect.stringMatching(/owner role/) });
    expect(state.checks).toBe(0);
    state.user = as("owner@isv.example");
    expect(await checkConnectionAction(null, new FormData())).toMatchObject({ ok: true, data: { call: { status: 403 } } });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "marketplace.connection_checked"));
    expect(event).toMatchObject({
      actorEmail: "owner@isv.example",
      metadata: { tokenOk: true, callOk: false, status: 403, requestId: "7f0c5e2a-0000-4000-8000-000000000001" },
    });
  });

  it("runs the doctor's checks for owners only, on the server's database", async () => {
    state.doctorDb = null;
    state.user = as("operator@isv.example");
    expect(await runDoctorAction(null, new FormData())).toMatchObject({ ok: false, error: expect.stringMatching(/owner role/) });
    expect(state.doctorDb).toBeNull();
    state.user = as("owner@isv.example");
    expect(await runDoctorAction(null, new FormData())).toMatchObject({ ok: true, data: [{ id: "environment", status: "pass" }] });
    expect(state.doctorDb).toBe(t.db);
  });

  it("changes the sync schedule for owners, only to a listed interval, audited once per change", async () => {
    state.user = as("operator@isv.example");
    expect(await updateSyncIntervalAction(null, { intervalMinutes: "60" })).toMatchObject({ ok: false });
    state.user = as("owner@isv.example");
    expect(await updateSyncIntervalAction(null, { intervalMinutes: "7" })).toMatchObject({
      ok: false,
      fieldErrors: { intervalMinutes: expect.any(String) },
    });
    expect((await getSyncSettings(t.db)).intervalMinutes).toBe(360);
    expect(await updateSyncIntervalAction(null, { intervalMinutes: "60" })).toMatchObject({
      ok: true,
      message: "Scheduled sync: every hour.",
    });
    expect(await updateSyncIntervalAction(null, { intervalMinutes: "60" })).toMatchObject({
      ok: true,
      message: expect.stringMatching(/already/),
    });
    expect(await getSyncSettings(t.db)).toMatchObject({ intervalMinutes: 60, updatedBy: "owner@isv.example" });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "settings.sync_interval_changed"));
    expect(events.map((e) => e.changes)).toEqual([{ intervalMinutes: { from: 360, to: 60 } }]);
  });

  it("turns automatic drift healing off and on for owners only, audited once per change", async () => {
    state.user = as("operator@isv.example");
    expect(await updateAutoHealDriftAction(null, { autoHealDrift: "off" })).toMatchObject({ ok: false });
    state.user = as("owner@isv.example");
    expect(await updateAutoHealDriftAction(null, { autoHealDrift: "maybe" })).toMatchObject({
      ok: false,
      fieldErrors: { autoHealDrift: expect.any(String) },
    });
    expect((await getSyncSettings(t.db)).autoHealDrift).toBe(true);
    expect(await updateAutoHealDriftAction(null, { autoHealDrift: "off" })).toMatchObject({
      ok: true,
      message: expect.stringMatching(/staff/),
    });
    expect(await updateAutoHealDriftAction(null, { autoHealDrift: "off" })).toMatchObject({
      ok: true,
      message: expect.stringMatching(/already/),
    });
    expect((await getSyncSettings(t.db)).autoHealDrift).toBe(false);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "settings.drift_auto_heal_changed"));
    expect(events.map((e) => e.changes)).toEqual([{ autoHealDrift: { from: true, to: false } }]);
  });
});
