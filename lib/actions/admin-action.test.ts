import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { captureLogs } from "@/test/console";
import { z } from "zod";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { captureRefusalWarnings } from "@/test/console";
import type { PortalUser } from "@/lib/auth";
import { SIMULATOR_TENANT_ID } from "@/lib/env";
import { insertAuditEvent, listAuditEvents } from "@/db/queries/audit-events";
import { insertStaff } from "@/db/queries/staff";

const state = vi.hoisted(() => ({ user: null as PortalUser | null, db: null as unknown }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => state.user }));
vi.mock("@/db", () => ({ getDb: async () => state.db, getDatabase: async () => ({ db: state.db }) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("@/test/next-headers"));

const { revalidatePath } = await import("next/cache");
const { adminAction } = await import("./admin-action");
type AdminActionContext = import("./admin-action").AdminActionContext;
const { testCookieJar: jar } = await import("@/test/next-headers");
const { checkStaff, requireStaff, staffForRoute } = await import("@/lib/auth/guards");

/** Where a redirect() thrown by a guard points. */
const redirectTarget = async (run: () => Promise<unknown>) => {
  const err = (await run().then(
    () => null,
    (e: unknown) => e,
  )) as { digest?: string } | null;
  return err?.digest?.split(";")[2] ?? null;
};

const person = (email: string, over: Partial<PortalUser> = {}): PortalUser => ({
  id: randomUUID(),
  email,
  name: email.split("@")[0] ?? null,
  tenantId: SIMULATOR_TENANT_ID,
  roles: [],
  ...over,
});

describe.each(testDatabases("one"))("adminAction and guards on %s", (kind) => {
  captureRefusalWarnings();
  let t: TestDatabase;
  // A stand-in service: it audits its change in its own transaction, as every service does.
  const handler = vi.fn(async (input: { subscriptionId: string; quantity: number }, ctx: AdminActionContext) => {
    const { actor } = ctx;
    await ctx.db.transaction(async (tx) => {
      await insertAuditEvent(tx, {
        actorType: actor.type,
        actorId: actor.id,
        actorEmail: actor.email,
        action: "subscription.touched",
        targetType: "subscription",
        targetId: input.subscriptionId,
      });
    });
    return { ok: true as const, data: input.quantity };
  });
  const operatorAction = adminAction(
    "operator",
    z.object({ subscriptionId: z.uuid(), quantity: z.coerce.number().int().min(1) }),
    handler,
    {
      revalidate: (i) => [`/admin/subscriptions/${i.subscriptionId}`],
    },
  );

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    state.db = t.db;
    // The bootstrap (simulator sign-in) lists the owner, operator and viewer of the simulator's ISV tenant.
    await insertStaff(t.db, { email: "listed-operator@isv.example", role: "operator", addedBy: "test" });
  });
  afterAll(async () => t?.close());
  beforeEach(() => {
    handler.mockClear();
    vi.mocked(revalidatePath).mockClear();
  });

  const form = (values: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(values)) f.append(k, v);
    return f;
  };

  it("refuses a viewer calling an operator action directly, before parsing or calling lib", async () => {
    state.user = person("viewer@isv.example");
    const id = randomUUID();
    const result = await operatorAction(null, form({ subscriptionId: id, quantity: "3" }));
    expect(result).toEqual({
      ok: false,
      error: "You need the operator role to do this (you are viewer).",
      values: { subscriptionId: id, quantity: "3" },
    });
    expect(handler).not.toHaveBeenCalled();
    expect(revalidatePath).not.toHaveBeenCalled();
    expect(await listAuditEvents(t.db, { targetType: "subscription", targetId: id })).toEqual([]);
  });

  it("refuses signed-out callers, people outside the staff tenant and unlisted people", async () => {
    const input = { subscriptionId: randomUUID(), quantity: 1 };
    state.user = null;
    expect(await operatorAction(null, input)).toMatchObject({ ok: false, error: expect.stringMatching(/Sign in/) });
    state.user = person("operator@isv.example", { tenantId: randomUUID() });
    expect(await operatorAction(null, input)).toMatchObject({ ok: false });
    state.user = person("stranger@isv.example");
    expect(await operatorAction(null, input)).toMatchObject({ ok: false });
    expect(handler).not.toHaveBeenCalled();
  });

  it("runs for an operator: parses, calls, audits as staff and revalidates", async () => {
    const operator = person("listed-operator@isv.example");
    state.user = operator;
    const id = randomUUID();
    const result = await operatorAction(null, form({ subscriptionId: id, quantity: "4" }));
    expect(result).toEqual({ ok: true, data: 4, message: undefined });
    expect(handler).toHaveBeenCalledWith(
      { subscriptionId: id, quantity: 4 },
      expect.objectContaining({
        staff: expect.objectContaining({ role: "operator" }),
        actor: { type: "staff", id: operator.id, email: operator.email },
      }),
    );
    const [event] = await listAuditEvents(t.db, { targetType: "subscription", targetId: id });
    expect(event).toMatchObject({
      action: "subscription.touched",
      actorType: "staff",
      actorId: operator.id,
      actorEmail: "listed-operator@isv.example",
    });
    expect(revalidatePath).toHaveBeenCalledWith(`/admin/subscriptions/${id}`);
  });

  it("lets an owner (by Entra app role) through and returns field errors for bad input", async () => {
    state.user = person("unlisted-owner@isv.example", { roles: ["Portal.Owner"] });
    const result = await operatorAction(null, form({ subscriptionId: "not-a-guid", quantity: "0" }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { subscriptionId: expect.any(String), quantity: expect.any(String) } });
    expect(handler).not.toHaveBeenCalled();
  });

  it("bootstraps the configured owner on first use, and guards route handlers by role", async () => {
    state.user = person("owner@isv.example");
    expect(await checkStaff("owner")).toMatchObject({ kind: "allowed", staff: { role: "owner", roleSource: "staff-list" } });
    state.user = person("viewer@isv.example");
    expect(await checkStaff("operator")).toMatchObject({ kind: "denied", reason: "insufficient-role", role: "viewer" });
    const refused = await staffForRoute("operator");
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
    state.user = null;
    expect(((await staffForRoute("viewer")) as Response).status).toBe(401);
  });

  it("sends pages to sign-in with the path to come back to, or to the access-denied page", async () => {
    state.user = null;
    expect(await redirectTarget(() => requireStaff("viewer", { path: "/admin/subscriptions?q=a b" }))).toBe(
      "/sign-in?callbackUrl=%2Fadmin%2Fsubscriptions%3Fq%3Da%20b",
    );
    expect(await redirectTarget(() => requireStaff("viewer", { path: "//evil.example" }))).toBe("/sign-in?callbackUrl=%2Fadmin");
    state.user = person("viewer@isv.example");
    expect(await redirectTarget(() => requireStaff("owner", { path: "/admin/staff" }))).toBe("/admin/denied?need=owner");
    await expect(requireStaff("viewer")).resolves.toMatchObject({ email: "viewer@isv.example", role: "viewer" });
  });

  it("leaves the message for the page when the form goes away: asked for, or with a redirect", async () => {
    state.user = person("operator@isv.example");
    const input = { id: randomUUID() };
    const schema = z.object({ id: z.uuid() });
    jar.clear();
    expect(await adminAction("operator", schema, async () => ({ ok: true as const, message: "Saved." }))(null, input)).toMatchObject({
      ok: true,
      message: "Saved.",
    });
    expect(jar.size).toBe(0); // the form shows this one itself

    expect(
      await adminAction("operator", schema, async () => ({ ok: true as const, flash: true, message: "Activated." }))(null, input),
    ).toMatchObject({ ok: true });
    expect(JSON.parse(jar.get("portal-notice")!.value)).toMatchObject({ message: "Activated.", id: expect.any(String) });
    expect(jar.get("portal-notice")!.options).toMatchObject({ path: "/admin", maxAge: 60 });

    jar.clear();
    const redirected = await adminAction("operator", schema, async () => ({
      ok: true as const,
      message: "Deleted.",
      redirectTo: "/admin/outbound",
    }))(null, input).then(
      () => null,
      (err: unknown) => err,
    );
    expect(redirected).toMatchObject({ digest: expect.stringContaining("/admin/outbound") });
    expect(JSON.parse(jar.get("portal-notice")!.value)).toMatchObject({ message: "Deleted." });
  });

  it("turns an unexpected failure into an error with a reference", async () => {
    state.user = person("listed-operator@isv.example");
    const failing = adminAction("operator", z.object({ id: z.string() }), async () => {
      throw new Error("database went away");
    });
    const logs = captureLogs("error");
    const result = await failing(null, { id: "x" });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/reference [0-9a-f-]{36}/) });
    // The failure is logged once, under the reference the staff member is shown.
    const reference = /reference ([0-9a-f-]{36})/.exec((result as { error: string }).error)![1];
    expect(logs.restore()).toEqual([
      expect.objectContaining({
        msg: "admin action failed",
        reference,
        staff: "listed-operator@isv.example",
        err: expect.objectContaining({ message: "database went away" }),
      }),
    ]);
  });
});
