import "server-only";
import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { usageSchedules, type UsageSchedule } from "@/db/schema";

export type NewUsageScheduleRow = typeof usageSchedules.$inferInsert;

export async function insertUsageSchedule(db: DbOrTx, values: NewUsageScheduleRow): Promise<UsageSchedule> {
  const [row] = await db.insert(usageSchedules).values(values).returning();
  return row!;
}

export async function selectUsageSchedules(db: DbOrTx, f: { subscriptionId?: string; activeOnly?: boolean }): Promise<UsageSchedule[]> {
  const where = [];
  if (f.subscriptionId) where.push(eq(usageSchedules.subscriptionId, f.subscriptionId.toLowerCase()));
  if (f.activeOnly) where.push(eq(usageSchedules.active, true));
  return db
    .select()
    .from(usageSchedules)
    .where(and(...where))
    .orderBy(desc(usageSchedules.createdAt))
    .limit(1000);
}

export async function deactivateUsageSchedule(db: DbOrTx, id: string): Promise<UsageSchedule | undefined> {
  const [row] = await db.update(usageSchedules).set({ active: false, nextRunAt: null }).where(eq(usageSchedules.id, id)).returning();
  return row;
}

/** Due schedules, locked so two instances never run one schedule's run twice. */
export async function lockDueSchedules(tx: DbOrTx, now: Date, limit = 200): Promise<UsageSchedule[]> {
  return tx
    .select()
    .from(usageSchedules)
    .where(and(eq(usageSchedules.active, true), lte(usageSchedules.nextRunAt, now)))
    .orderBy(asc(usageSchedules.nextRunAt))
    .limit(limit)
    .for("update", { skipLocked: true });
}

export async function advanceUsageSchedule(tx: DbOrTx, id: string, nextRunAt: Date | null): Promise<void> {
  await tx
    .update(usageSchedules)
    .set({ nextRunAt, active: nextRunAt === null ? false : sql`${usageSchedules.active}` })
    .where(eq(usageSchedules.id, id));
}
