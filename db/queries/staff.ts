import "server-only";
import { and, asc, count, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { staff, type NewStaffMember, type StaffMember, type StaffRole } from "../schema";

const normalise = (email: string) => email.trim().toLowerCase();

export async function getStaffByEmail(db: DbOrTx, email: string): Promise<StaffMember | undefined> {
  const [row] = await db
    .select()
    .from(staff)
    .where(eq(staff.email, normalise(email)))
    .limit(1);
  return row;
}

export async function getStaffById(db: DbOrTx, id: string): Promise<StaffMember | undefined> {
  const [row] = await db.select().from(staff).where(eq(staff.id, id)).limit(1);
  return row;
}

export async function listStaff(db: DbOrTx): Promise<StaffMember[]> {
  return db.select().from(staff).orderBy(asc(staff.role), asc(staff.email));
}

/** Inserts unless the e-mail is already listed; returns undefined when it was. */
export async function insertStaff(db: DbOrTx, values: NewStaffMember): Promise<StaffMember | undefined> {
  const [row] = await db
    .insert(staff)
    .values({ ...values, email: normalise(values.email) })
    .onConflictDoNothing({ target: staff.email })
    .returning();
  return row;
}

export async function updateStaffRole(db: DbOrTx, id: string, role: StaffRole): Promise<StaffMember | undefined> {
  const [row] = await db.update(staff).set({ role }).where(eq(staff.id, id)).returning();
  return row;
}

export async function deleteStaff(db: DbOrTx, id: string): Promise<StaffMember | undefined> {
  const [row] = await db.delete(staff).where(eq(staff.id, id)).returning();
  return row;
}

/** Owners other than `exceptId`: a change must never leave the list without one. */
export async function countOtherOwners(db: DbOrTx, exceptId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(staff)
    .where(and(eq(staff.role, "owner"), ne(staff.id, exceptId)));
  return row?.n ?? 0;
}
