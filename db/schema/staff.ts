import { sql } from "drizzle-orm";
import { check, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";

/** owner: everything incl. staff and settings; operator: subscription actions, usage, replays; viewer: read only. */
export const staffRole = pgEnum("staff_role", ["owner", "operator", "viewer"]);

/** The ISV's own people allowed into /admin when their token carries no Entra app role. */
export const staff = pgTable(
  "staff",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Lower-case, so one person cannot be listed twice under different spellings. */
    email: text().notNull().unique(),
    role: staffRole().notNull(),
    /** E-mail of the owner who added the row, or `configuration` for bootstrap owners. */
    addedBy: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check("staff_email_lower_case", sql`${t.email} = lower(${t.email})`)],
);
export type StaffMember = typeof staff.$inferSelect;
export type NewStaffMember = typeof staff.$inferInsert;
export type StaffRole = (typeof staffRole.enumValues)[number];
