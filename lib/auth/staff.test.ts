import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { getStaffByEmail, listStaff } from "@/db/queries/staff";
import { listAuditEvents } from "@/db/queries/audit-events";
import {
  addStaffMember,
  bootstrapStaff,
  changeStaffRole,
  decideStaffRole,
  hasRole,
  removeStaffMember,
  roleFromClaims,
  staffChangeRefusal,
  type StaffIdentity,
} from "./staff";

const TENANT = "5e1ec7ed-0000-4000-8000-000000000001";
const user = (over: Partial<{ email: string; tenantId: string | null; roles: string[] }> = {}) => ({
  id: randomUUID(),
  email: "someone@isv.example",
  name: "Someone",
  tenantId: TENANT,
  roles: [] as string[],
  ...over,
});

describe("roles", () => {
  it("orders owner above operator above viewer", () => {
    expect(hasRole("owner", "operator")).toBe(true);
    expect(hasRole("operator", "operator")).toBe(true);
    expect(hasRole("viewer", "operator")).toBe(false);
    expect(hasRole("operator", "owner")).toBe(false);
  });

  it("takes the strongest portal role from the Entra roles claim and ignores others", () => {
    expect(roleFromClaims(["Portal.Viewer", "Portal.Operator", "Other.Admin"])).toBe("operator");
    expect(roleFromClaims(["Other.Admin"])).toBeNull();
    expect(roleFromClaims(undefined)).toBeNull();
  });

  it("prefers app roles to the staff list, and falls back to the list", () => {
    const fromClaim = decideStaffRole(user({ roles: ["Portal.Viewer"] }), TENANT, "owner");
    expect(fromClaim).toMatchObject({ ok: true, staff: { role: "viewer", roleSource: "entra" } });
    const fromList = decideStaffRole(user(), TENANT, "operator");
    expect(fromList).toMatchObject({ ok: true, staff: { role: "operator", roleSource: "staff-list" } });
    expect(decideStaffRole(user(), TENANT, null)).toEqual({ ok: false, reason: "not-staff" });
  });

  it("refuses anyone outside the staff tenant, even with a listed e-mail or an app role", () => {
    const other = randomUUID();
    expect(decideStaffRole(user({ tenantId: other }), TENANT, "owner")).toEqual({ ok: false, reason: "wrong-tenant" });
    expect(decideStaffRole(user({ tenantId: other, roles: ["Portal.Owner"] }), TENANT, null)).toEqual({
      ok: false,
      reason: "wrong-tenant",
    });
    expect(decideStaffRole(user({ tenantId: null }), TENANT, "owner")).toEqual({ ok: false, reason: "wrong-tenant" });
    expect(decideStaffRole(user({ tenantId: TENANT.toUpperCase() }), TENANT, "viewer").ok).toBe(true);
  });
});

describe.each(testDatabases("one"))("staff list on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t?.close());

  const owner: StaffIdentity = { userId: randomUUID(), email: "boss@isv.example", name: "Boss", role: "owner", roleSource: "staff-list" };

  it("bootstraps owners idempotently and keeps what owners changed since", async () => {
    expect(await bootstrapStaff(t.db, [{ email: "Boss@ISV.example", role: "owner" }])).toBe(1);
    expect(await bootstrapStaff(t.db, [{ email: "boss@isv.example", role: "owner" }])).toBe(0);
    const rows = await listStaff(t.db);
    expect(rows.map((r) => [r.email, r.role, r.addedBy])).toEqual([["boss@isv.example", "owner", "configuration"]]);
  });

  it("adds, changes and removes members with an audit event each", async () => {
    const deps = { db: t.db, actor: owner, pinnedOwners: [] };
    const added = await addStaffMember(deps, { email: "Ops@ISV.example", role: "operator" });
    expect(added).toMatchObject({ ok: true, member: { email: "ops@isv.example", role: "operator", addedBy: "boss@isv.example" } });
    const twice = await addStaffMember(deps, { email: "ops@isv.example", role: "viewer" });
    expect(twice).toMatchObject({ ok: false, fieldErrors: { email: expect.any(String) } });

    const id = added.ok ? added.member.id : "";
    expect(await changeStaffRole(deps, { id, role: "viewer" })).toMatchObject({ ok: true, member: { role: "viewer" } });
    expect(await removeStaffMember(deps, { id })).toMatchObject({ ok: true });
    expect(await getStaffByEmail(t.db, "ops@isv.example")).toBeUndefined();

    const events = await listAuditEvents(t.db, { targetType: "staff", targetId: "ops@isv.example" });
    expect(events.map((e) => e.action)).toEqual(["staff.removed", "staff.role_changed", "staff.added"]);
    expect(events[1]).toMatchObject({
      actorType: "staff",
      actorEmail: "boss@isv.example",
      changes: { role: { from: "operator", to: "viewer" } },
    });
  });

  it("never loses the last owner, nor an owner pinned by configuration", async () => {
    const boss = (await getStaffByEmail(t.db, "boss@isv.example"))!;
    const alone = await changeStaffRole({ db: t.db, actor: owner, pinnedOwners: [] }, { id: boss.id, role: "viewer" });
    expect(alone).toMatchObject({ ok: false, code: "last-owner" });

    await addStaffMember({ db: t.db, actor: owner, pinnedOwners: [] }, { email: "second@isv.example", role: "owner" });
    const pinned = await removeStaffMember({ db: t.db, actor: owner, pinnedOwners: ["boss@isv.example"] }, { id: boss.id });
    expect(pinned).toMatchObject({ ok: false, code: "owner-pinned" });
    const second: StaffIdentity = { ...owner, userId: randomUUID(), email: "second@isv.example" };
    expect(await removeStaffMember({ db: t.db, actor: second, pinnedOwners: [] }, { id: boss.id })).toMatchObject({ ok: true });
  });

  it("refuses an owner's change of their own entry, and audits nothing refused", async () => {
    const second = (await getStaffByEmail(t.db, "second@isv.example"))!;
    await addStaffMember({ db: t.db, actor: owner, pinnedOwners: [] }, { email: "third@isv.example", role: "owner" });
    const me: StaffIdentity = { ...owner, userId: randomUUID(), email: "Second@ISV.example" };
    const before = await listAuditEvents(t.db, { targetType: "staff", targetId: "second@isv.example" });
    expect(await changeStaffRole({ db: t.db, actor: me, pinnedOwners: [] }, { id: second.id, role: "viewer" })).toEqual({
      ok: false,
      code: "staff-self",
    });
    expect(await removeStaffMember({ db: t.db, actor: me, pinnedOwners: [] }, { id: second.id })).toEqual({
      ok: false,
      code: "staff-self",
    });
    expect(await getStaffByEmail(t.db, "second@isv.example")).toMatchObject({ role: "owner" });
    expect(await listAuditEvents(t.db, { targetType: "staff", targetId: "second@isv.example" })).toHaveLength(before.length);
  });

  it("says why a row cannot change, the same way for the page and the service", () => {
    const ctx = { actorEmail: "me@isv.example", pinnedOwners: ["cfg@isv.example"], otherOwners: 1 };
    expect(staffChangeRefusal({ email: "me@isv.example", role: "owner" }, { ...ctx, otherOwners: 0 })).toBe("last-owner");
    expect(staffChangeRefusal({ email: "cfg@isv.example", role: "owner" }, ctx)).toBe("owner-pinned");
    expect(staffChangeRefusal({ email: "me@isv.example", role: "viewer" }, ctx)).toBe("staff-self");
    expect(staffChangeRefusal({ email: "you@isv.example", role: "owner" }, ctx)).toBeNull();
  });

  it("stores e-mails in lower case only", async () => {
    await expect(
      t.db.execute(sql`insert into staff (email, role, added_by) values ('Mixed@Case.example', 'viewer', 'x')`),
    ).rejects.toThrow();
  });
});
