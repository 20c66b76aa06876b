import "server-only";
import type { Db, DbOrTx } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { countOtherOwners, deleteStaff, getStaffByEmail, getStaffById, insertStaff, updateStaffRole } from "@/db/queries/staff";
import type { StaffMember, StaffRole } from "@/db/schema";
import type { PortalUser } from "@/lib/auth";
import { fail, type ServiceFailure } from "@/lib/errors";

export type { StaffRole } from "@/db/schema";
export const STAFF_ROLES = ["owner", "operator", "viewer"] as const satisfies readonly StaffRole[];

const RANK: Record<StaffRole, number> = { viewer: 1, operator: 2, owner: 3 };

/** True when `role` includes everything `minRole` may do. */
export function hasRole(role: StaffRole, minRole: StaffRole): boolean {
  return RANK[role] >= RANK[minRole];
}

/** Entra app roles defined on the sign-in app registration (App roles blade). */
export const APP_ROLE_CLAIMS: Record<string, StaffRole> = {
  "Portal.Owner": "owner",
  "Portal.Operator": "operator",
  "Portal.Viewer": "viewer",
};

/** The strongest portal role in a `roles` claim, or null when it names none of ours. */
export function roleFromClaims(roles: readonly string[] | undefined): StaffRole | null {
  let best: StaffRole | null = null;
  for (const claim of roles ?? []) {
    const role = APP_ROLE_CLAIMS[claim];
    if (role && (!best || RANK[role] > RANK[best])) best = role;
  }
  return best;
}

export interface StaffIdentity {
  userId: string;
  email: string | null;
  name: string | null;
  role: StaffRole;
  roleSource: "entra" | "staff-list";
}

export type StaffDecision = { ok: true; staff: StaffIdentity } | { ok: false; reason: "wrong-tenant" | "not-staff" };

/**
 * Who the signed-in user is to the admin dashboard. Staff must sign in from the ISV's own
 * tenant whatever their role source: the sign-in app is multi-tenant (buyers use it too), so an
 * e-mail alone would let an outside tenant that names a user after a staff member in.
 */
export function decideStaffRole(user: PortalUser, staffTenantId: string, listedRole: StaffRole | null): StaffDecision {
  if (!staffTenantId || user.tenantId?.toLowerCase() !== staffTenantId.toLowerCase()) return { ok: false, reason: "wrong-tenant" };
  const base = { userId: user.id, email: user.email, name: user.name };
  const fromClaims = roleFromClaims(user.roles);
  if (fromClaims) return { ok: true, staff: { ...base, role: fromClaims, roleSource: "entra" } };
  if (listedRole) return { ok: true, staff: { ...base, role: listedRole, roleSource: "staff-list" } };
  return { ok: false, reason: "not-staff" };
}

export const BOOTSTRAP_ADDED_BY = "configuration";

/**
 * Adds the configured owners to the staff list. Idempotent: existing rows (even ones an owner
 * has since changed) are left alone, so it is safe at every start and from every instance.
 */
export async function bootstrapStaff(db: DbOrTx, entries: Array<{ email: string; role: StaffRole }>): Promise<number> {
  let added = 0;
  for (const e of entries) {
    if (await insertStaff(db, { email: e.email, role: e.role, addedBy: BOOTSTRAP_ADDED_BY })) added += 1;
  }
  return added;
}

export type StaffChangeResult = { ok: true; member: StaffMember } | ServiceFailure<StaffErrorCode>;
type StaffErrorCode = "staff-exists" | "staff-not-found" | StaffChangeRefusal;

interface Deps {
  db: Db;
  actor: StaffIdentity;
  /** Bootstrap owners come from configuration: removing them here would not survive a restart. */
  pinnedOwners: readonly string[];
}

const auditBase = (actor: StaffIdentity, member: StaffMember) =>
  ({ actorType: "staff", actorId: actor.userId, actorEmail: actor.email, targetType: "staff", targetId: member.email }) as const;

export async function addStaffMember({ db, actor }: Deps, input: { email: string; role: StaffRole }): Promise<StaffChangeResult> {
  return db.transaction(async (tx) => {
    const member = await insertStaff(tx, { email: input.email, role: input.role, addedBy: actor.email ?? actor.userId });
    if (!member) return fail("staff-exists", { email: "This person is already on the staff list." });
    await insertAuditEvent(tx, { ...auditBase(actor, member), action: "staff.added", changes: { role: { from: null, to: member.role } } });
    return { ok: true, member };
  });
}

export async function changeStaffRole(deps: Deps, input: { id: string; role: StaffRole }): Promise<StaffChangeResult> {
  return deps.db.transaction(async (tx) => {
    const current = await getStaffById(tx, input.id);
    if (!current) return fail("staff-not-found");
    if (current.role === input.role) return { ok: true, member: current };
    const refusal = await refuseOwnerLoss(tx, deps, current);
    if (refusal) return fail(refusal);
    const member = (await updateStaffRole(tx, current.id, input.role))!;
    await insertAuditEvent(tx, {
      ...auditBase(deps.actor, member),
      action: "staff.role_changed",
      changes: { role: { from: current.role, to: member.role } },
    });
    return { ok: true, member };
  });
}

export async function removeStaffMember(deps: Deps, input: { id: string }): Promise<StaffChangeResult> {
  return deps.db.transaction(async (tx) => {
    const current = await getStaffById(tx, input.id);
    if (!current) return fail("staff-not-found");
    const refusal = await refuseOwnerLoss(tx, deps, current);
    if (refusal) return fail(refusal);
    await deleteStaff(tx, current.id);
    await insertAuditEvent(tx, {
      ...auditBase(deps.actor, current),
      action: "staff.removed",
      changes: { role: { from: current.role, to: null } },
    });
    return { ok: true, member: current };
  });
}

export type StaffChangeRefusal = "owner-pinned" | "last-owner" | "staff-self";

/**
 * Why `member` may not be demoted or removed, or null. Owners go only while another owner
 * remains, never a configured one, and nobody changes their own entry: the staff page offers no
 * control for such a row, and the service refuses the same cases with the same codes.
 */
export function staffChangeRefusal(
  member: Pick<StaffMember, "email" | "role">,
  context: { actorEmail: string | null; pinnedOwners: readonly string[]; otherOwners: number },
): StaffChangeRefusal | null {
  if (member.role === "owner" && context.otherOwners === 0) return "last-owner";
  if (member.role === "owner" && context.pinnedOwners.includes(member.email)) return "owner-pinned";
  if (context.actorEmail && member.email === context.actorEmail.toLowerCase()) return "staff-self";
  return null;
}

async function refuseOwnerLoss(tx: DbOrTx, deps: Deps, member: StaffMember): Promise<StaffChangeRefusal | null> {
  const otherOwners = member.role === "owner" ? await countOtherOwners(tx, member.id) : 1;
  return staffChangeRefusal(member, { actorEmail: deps.actor.email, pinnedOwners: deps.pinnedOwners, otherOwners });
}

export async function getListedRole(db: DbOrTx, email: string | null): Promise<StaffRole | null> {
  if (!email) return null;
  return (await getStaffByEmail(db, email))?.role ?? null;
}
