import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { z } from "zod";
import { AccessDenied } from "@/components/admin/access-denied";
import { checkStaff, signInPath } from "@/lib/auth/guards";
import { STAFF_ROLES } from "@/lib/auth/staff";

export const metadata: Metadata = { title: "Access denied" };

const needSchema = z.enum(STAFF_ROLES).catch("viewer");

/** Where guards send staff whose role is too low for a page. */
export default async function DeniedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const need = needSchema.parse((await searchParams).need);
  const access = await checkStaff(need);
  if (access.kind === "signed-out") redirect(signInPath("/admin"));
  if (access.kind === "allowed") redirect("/admin");
  return (
    <AccessDenied who={access.user.email ?? access.user.name ?? access.user.id} role={access.role} need={need} reason={access.reason} />
  );
}
