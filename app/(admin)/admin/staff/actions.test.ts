import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { captureRefusalWarnings } from "@/test/console";
import type { PortalUser } from "@/lib/auth";
import { SIMULATOR_TENANT_ID } from "@/lib/env";
import { getStaffByEmail } from "@/db/queries/staff";

const state = vi.hoisted(() => ({ user: null as PortalUser | null, db: null as unknown }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => state.user }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("@/test/next-headers"));

const { addStaffAction, changeStaffRoleAction, removeStaffAction } = await import("./actions");
const { testCookieJar } = await import("@/test/next-headers");
const as = (email: string): PortalUser => ({ id: randomUUID(), email, name: email, tenantId: SIMULATOR_TENANT_ID, roles: [] });

describe.each(testDatabases("one"))("staff actions on %s", (kind) => {
  captureRefusalWarnings();
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    state.db = t.db;
  });
  afterAll(async () => t?.close());

  it("lets only owners manage staff", async () => {
    state.user = as("operator@isv.example");
    expect(await addStaffAction(null, { email: "new@isv.example", role: "viewer" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/owner role/),
    });
    expect(await getStaffByEmail(t.db, "new@isv.example")).toBeUndefined();

    state.user = as("owner@isv.example");
    expect(await addStaffAction(null, { email: " New@ISV.example ", role: "operator" })).toMatchObject({
      ok: true,
      message: "new@isv.example added as operator.",
    });
    const added = (await getStaffByEmail(t.db, "new@isv.example"))!;
    expect(added).toMatchObject({ role: "operator", addedBy: "owner@isv.example" });
    expect(await changeStaffRoleAction(null, { id: added.id, role: "viewer" })).toMatchObject({ ok: true });
    expect(await removeStaffAction(null, { id: added.id })).toMatchObject({ ok: true });
    // The removed member's row, and the form in it, go away: the message is left for the page.
    expect(JSON.parse(testCookieJar.get("portal-notice")?.value ?? "{}")).toMatchObject({ message: expect.stringMatching(/removed\.$/) });
    expect(await getStaffByEmail(t.db, "new@isv.example")).toBeUndefined();
  });

  it("keeps the configured owner, whatever an owner asks", async () => {
    state.user = as("owner@isv.example");
    const owner = (await getStaffByEmail(t.db, "owner@isv.example"))!;
    await addStaffAction(null, { email: "second-owner@isv.example", role: "owner" });
    expect(await removeStaffAction(null, { id: owner.id })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/ADMIN_BOOTSTRAP_OWNERS/),
    });
    expect(await addStaffAction(null, { email: "not-an-email", role: "viewer" })).toMatchObject({
      ok: false,
      fieldErrors: { email: expect.any(String) },
    });
  });
});
