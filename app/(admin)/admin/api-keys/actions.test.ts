import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { captureLogs } from "@/test/console";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import type { PortalUser } from "@/lib/auth";
import { SIMULATOR_TENANT_ID } from "@/lib/env";
import { listAuditEvents } from "@/db/queries/audit-events";
import { getApiKeyById } from "@/db/queries/api-keys";
import { authenticateApiKey } from "@/lib/api-keys/authenticate";

const state = vi.hoisted(() => ({ user: null as PortalUser | null, db: null as unknown }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => state.user }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("@/test/next-headers"));

const { createApiKeyAction, revokeApiKeyAction } = await import("./actions");
const as = (email: string): PortalUser => ({ id: randomUUID(), email, name: email, tenantId: SIMULATOR_TENANT_ID, roles: [] });

describe.each(testDatabases("one"))("API key actions on %s", (kind) => {
  let t: TestDatabase;
  let logs: ReturnType<typeof captureLogs>;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    state.db = t.db;
    // The wrapper logs each refusal; the assertions below check them.
    logs = captureLogs("warn");
  });
  afterAll(async () => {
    logs.restore();
    await t?.close();
  });

  it("lets only owners create and revoke keys, and returns the key once", async () => {
    const form = { name: "Billing", scopes: ["usage:write", "subscriptions:read"], expiresOn: "" };
    state.user = as("operator@isv.example");
    expect(await createApiKeyAction(null, form)).toMatchObject({ ok: false, error: expect.stringMatching(/owner role/) });

    state.user = as("owner@isv.example");
    const created = await createApiKeyAction(null, form);
    expect(created).toMatchObject({ ok: true, data: { key: expect.stringMatching(/^mpk_/) } });
    const { key, id } = (created as { data: { key: string; id: string } }).data;
    expect(await getApiKeyById(t.db, id)).toMatchObject({ name: "Billing", createdBy: "owner@isv.example", expiresAt: null });
    expect(await authenticateApiKey(t.db, `Bearer ${key}`)).toMatchObject({ ok: true });

    state.user = as("viewer@isv.example");
    expect(await revokeApiKeyAction(null, { id })).toMatchObject({ ok: false });
    expect(await authenticateApiKey(t.db, `Bearer ${key}`)).toMatchObject({ ok: true });

    state.user = as("owner@isv.example");
    expect(await revokeApiKeyAction(null, { id })).toMatchObject({ ok: true });
    expect(await authenticateApiKey(t.db, `Bearer ${key}`)).toEqual({ ok: false, reason: "revoked" });
    const audit = await listAuditEvents(t.db, { targetType: "api_key", targetId: id });
    expect(audit.map((a) => [a.action, a.actorEmail])).toEqual([
      ["api_key.revoked", "owner@isv.example"],
      ["api_key.created", "owner@isv.example"],
    ]);
  });

  it("validates name, scopes and expiry", async () => {
    state.user = as("owner@isv.example");
    expect(await createApiKeyAction(null, { name: " ", scopes: "admin", expiresOn: "soon" })).toMatchObject({
      ok: false,
      fieldErrors: { name: expect.any(String), scopes: expect.any(String), expiresOn: expect.any(String) },
    });
    expect(await createApiKeyAction(null, { name: "Old", scopes: "usage:write", expiresOn: "2020-01-01" })).toMatchObject({
      ok: false,
      fieldErrors: { expiresOn: expect.stringMatching(/future/) },
    });
    const expiring = await createApiKeyAction(null, { name: "Until", scopes: "usage:write", expiresOn: "2099-01-31" });
    const id = (expiring as { data: { id: string } }).data.id;
    expect((await getApiKeyById(t.db, id))!.expiresAt!.toISOString()).toBe("2099-02-01T00:00:00.000Z");
  });
});
