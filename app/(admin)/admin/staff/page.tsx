import type { Metadata } from "next";
import { getDb } from "@/db";
import { listStaff } from "@/db/queries/staff";
import { date } from "@/components/format";
import { Card } from "@/components/admin/card";
import { TableHead, TableScroll, type Column } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/guards";
import { getEnv } from "@/lib/env";
import { staffChangeRefusal } from "@/lib/auth/staff";
import { adminMessage } from "@/lib/actions/admin-messages";
import { AddStaffForm } from "./_components/add-staff-form";
import { StaffRow } from "./_components/staff-row";

export const metadata: Metadata = { title: "Staff" };

const STAFF_COLUMNS: Column[] = [
  { label: "E-mail" },
  { label: "Role" },
  { label: "Added by" },
  { label: "Remove", srOnly: true, className: "text-right" },
];

export default async function StaffPage() {
  const me = await requireStaff("owner", { path: "/admin/staff" });
  const [members, env] = [await listStaff(await getDb()), getEnv()];
  const owners = members.filter((m) => m.role === "owner").length;
  // The same rule the service applies, so a refused change is never offered in the first place.
  const lockReason = (m: (typeof members)[number]) => {
    const otherOwners = owners - (m.role === "owner" ? 1 : 0);
    const refusal = staffChangeRefusal(m, { actorEmail: me.email, pinnedOwners: env.auth.bootstrapOwners, otherOwners });
    return refusal ? adminMessage(refusal) : undefined;
  };
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Staff</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Owners manage staff and settings, operators act on subscriptions, viewers only read. People must sign in from the publisher&apos;s
          Entra tenant. Someone whose token carries a Portal.Owner, Portal.Operator or Portal.Viewer app role gets that role, whatever this
          list says.
        </p>
      </div>
      <Card title="Add a staff member">
        <AddStaffForm />
      </Card>
      <section aria-labelledby="staff-list-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <h2 id="staff-list-title" className="border-b border-slate-100 px-5 py-3 text-sm font-semibold text-slate-900">
          Staff list ({members.length})
        </h2>
        <TableScroll label="Staff members">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <TableHead columns={STAFF_COLUMNS} density="standard" />
            <tbody className="divide-y divide-slate-100">
              {members.map((m) => (
                <StaffRow
                  key={m.id}
                  id={m.id}
                  email={m.email}
                  role={m.role}
                  addedBy={m.addedBy}
                  added={date(m.createdAt)}
                  pinned={env.auth.bootstrapOwners.includes(m.email)}
                  self={m.email === me.email}
                  locked={lockReason(m)}
                />
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </div>
  );
}
