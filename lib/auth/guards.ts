import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import type { DbOrTx } from "@/db/client";
import { currentUser, type PortalUser } from "@/lib/auth";
import { getEnv } from "@/lib/env";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { bootstrapStaff, decideStaffRole, getListedRole, hasRole, type StaffIdentity, type StaffRole } from "./staff";

export type { StaffIdentity, StaffRole } from "./staff";

export type StaffAccess =
  | { kind: "allowed"; user: PortalUser; staff: StaffIdentity }
  | { kind: "signed-out" }
  | {
      kind: "denied";
      user: PortalUser;
      reason: "wrong-tenant" | "not-staff" | "insufficient-role";
      role: StaffRole | null;
      need: StaffRole;
    };

/** The simulator's sign-in offers these people besides the owner; listing them makes every role demonstrable. */
const SIMULATOR_STAFF: Array<{ email: string; role: StaffRole }> = [
  { email: "operator@isv.example", role: "operator" },
  { email: "viewer@isv.example", role: "viewer" },
];

// Per database handle (tests open several), kept on globalThis so dev-server reloads reuse it.
const globalForStaff = globalThis as unknown as { staffBootstrap?: WeakMap<object, Promise<unknown>> };

/** Bootstraps the staff list once per process, on first use; a failure is retried by the next request. */
export function ensureStaffBootstrapped(db: DbOrTx): Promise<unknown> {
  const done = (globalForStaff.staffBootstrap ??= new WeakMap());
  const env = getEnv();
  const entries = [
    ...env.auth.bootstrapOwners.map((email) => ({ email, role: "owner" as const })),
    ...(env.auth.provider === "simulator" ? SIMULATOR_STAFF : []),
  ];
  let pending = done.get(db);
  if (!pending) {
    pending = bootstrapStaff(db, entries).catch((err) => {
      done.delete(db);
      throw err;
    });
    done.set(db, pending);
  }
  return pending;
}

/** Who is signed in and what they are to the dashboard, worked out once per request. */
const resolveStaff = cache(
  async (): Promise<{ user: PortalUser | null; staff: StaffIdentity | null; reason: "wrong-tenant" | "not-staff" | null }> => {
    const user = await currentUser();
    if (!user) return { user: null, staff: null, reason: null };
    const db = await getDb();
    await ensureStaffBootstrapped(db);
    const decision = decideStaffRole(user, getEnv().auth.staffTenantId, await getListedRole(db, user.email));
    return decision.ok ? { user, staff: decision.staff, reason: null } : { user, staff: null, reason: decision.reason };
  },
);

/** The check itself, without redirects: for layouts, actions and route handlers. */
export async function checkStaff(minRole: StaffRole): Promise<StaffAccess> {
  const { user, staff, reason } = await resolveStaff();
  if (!user) return { kind: "signed-out" };
  if (!staff) return { kind: "denied", user, reason: reason ?? "not-staff", role: null, need: minRole };
  if (!hasRole(staff.role, minRole)) return { kind: "denied", user, reason: "insufficient-role", role: staff.role, need: minRole };
  return { kind: "allowed", user, staff };
}

export function signInPath(path: string): string {
  return `/sign-in?callbackUrl=${encodeURIComponent(safeRedirectPath(path, "/admin"))}`;
}

export function deniedPath(need: StaffRole): string {
  return `/admin/denied?need=${need}`;
}

/**
 * For every admin page: the staff member, or a redirect to sign-in (coming back to `path`) or
 * to the access-denied page. Pages must call it themselves: the layout's check does not cover a
 * page rendered on its own during client navigation.
 */
export async function requireStaff(minRole: StaffRole = "viewer", opts: { path?: string } = {}): Promise<StaffIdentity> {
  const access = await checkStaff(minRole);
  if (access.kind === "signed-out") redirect(signInPath(opts.path ?? "/admin"));
  if (access.kind === "denied") redirect(deniedPath(minRole));
  return access.staff;
}

/** For route handlers: the staff member, or the 401/403 response to return. */
export async function staffForRoute(minRole: StaffRole): Promise<StaffIdentity | Response> {
  const access = await checkStaff(minRole);
  if (access.kind === "allowed") return access.staff;
  const status = access.kind === "signed-out" ? 401 : 403;
  const error = access.kind === "signed-out" ? "Sign in first." : `This needs the ${minRole} role.`;
  return Response.json({ error }, { status, headers: { "cache-control": "no-store" } });
}
