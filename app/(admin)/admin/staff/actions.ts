"use server";

import { z } from "zod";
import { adminAction, type AdminActionContext } from "@/lib/actions/admin-action";
import { addStaffMember, changeStaffRole, removeStaffMember, STAFF_ROLES } from "@/lib/auth/staff";
import { getEnv } from "@/lib/env";

const role = z.enum(STAFF_ROLES, { message: "Choose a role" });
const deps = (ctx: AdminActionContext) => ({ db: ctx.db, actor: ctx.staff, pinnedOwners: getEnv().auth.bootstrapOwners });
const revalidate = ["/admin/staff"];

export const addStaffAction = adminAction(
  "owner",
  z.object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email({ message: "Enter an e-mail address" })),
    role,
  }),
  async (input, ctx) => {
    const result = await addStaffMember(deps(ctx), input);
    return result.ok ? { ok: true, message: `${result.member.email} added as ${result.member.role}.` } : result;
  },
  { revalidate },
);

export const changeStaffRoleAction = adminAction(
  "owner",
  z.object({ id: z.guid(), role }),
  async (input, ctx) => {
    const result = await changeStaffRole(deps(ctx), input);
    return result.ok ? { ok: true, message: `${result.member.email} is now ${result.member.role}.` } : result;
  },
  { revalidate },
);

export const removeStaffAction = adminAction(
  "owner",
  z.object({ id: z.guid() }),
  async (input, ctx) => {
    const result = await removeStaffMember(deps(ctx), input);
    return result.ok ? { ok: true, flash: true, message: `${result.member.email} removed.` } : result;
  },
  { revalidate },
);
