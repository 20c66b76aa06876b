import "server-only";
import { log } from "@/lib/log";
import type { Db, DbOrTx } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import {
  advanceUsageSchedule,
  deactivateUsageSchedule,
  insertUsageSchedule,
  lockDueSchedules,
  selectUsageSchedules,
} from "@/db/queries/usage-schedules";
import type { UsageSchedule } from "@/db/schema";
import { ingestUsage } from "./ingest";
import { usageScheduleInputSchema, type UsageScheduleInput } from "./schemas";
import { WINDOW_MS } from "./window";

/** The run after `at` for a cadence; null once a one-time schedule has run or the schedule ended. */
export function nextRun(s: Pick<UsageSchedule, "cadence" | "endsAt">, at: Date): Date | null {
  let next: Date;
  if (s.cadence === "one_time") return null;
  if (s.cadence === "hourly") next = new Date(at.getTime() + 3_600_000);
  else if (s.cadence === "daily") next = new Date(at.getTime() + 86_400_000);
  else {
    next = new Date(at);
    next.setUTCMonth(next.getUTCMonth() + 1);
  }
  return s.endsAt && next >= s.endsAt ? null : next;
}

/**
 * A fixed quantity per subscription and dimension on a cadence, as the reference accelerator's
 * scheduler offers. Each run becomes a usage event through ingestUsage (source `schedule`).
 */
export async function createUsageSchedule(db: DbOrTx, input: UsageScheduleInput, createdBy: string): Promise<UsageSchedule> {
  const v = usageScheduleInputSchema.parse(input);
  const schedule = await insertUsageSchedule(db, {
    subscriptionId: v.subscriptionId.toLowerCase(),
    dimension: v.dimension,
    quantity: v.quantity,
    cadence: v.cadence,
    startsAt: v.startsAt,
    nextRunAt: v.startsAt,
    endsAt: v.endsAt ?? null,
    createdBy,
  });
  await insertAuditEvent(db, {
    actorType: "staff",
    actorEmail: createdBy,
    actorId: createdBy,
    action: "usage.schedule_created",
    targetType: "subscription",
    targetId: schedule.subscriptionId,
    metadata: {
      scheduleId: schedule.id,
      dimension: v.dimension,
      quantity: v.quantity,
      cadence: v.cadence,
      startsAt: v.startsAt.toISOString(),
    },
  });
  return schedule;
}

export function listUsageSchedules(db: DbOrTx, filter: { subscriptionId?: string; activeOnly?: boolean } = {}): Promise<UsageSchedule[]> {
  return selectUsageSchedules(db, filter);
}

export async function endUsageSchedule(db: DbOrTx, id: string, endedBy: string): Promise<UsageSchedule | undefined> {
  const row = await deactivateUsageSchedule(db, id);
  if (row) {
    await insertAuditEvent(db, {
      actorType: "staff",
      actorEmail: endedBy,
      actorId: endedBy,
      action: "usage.schedule_ended",
      targetType: "subscription",
      targetId: row.subscriptionId,
      metadata: { scheduleId: row.id },
    });
  }
  return row;
}

/**
 * Turns due runs into usage events. The idempotency key names the schedule and the run, so a pass
 * that dies after ingesting and before advancing the schedule cannot count a run twice. Runs
 * older than Microsoft's window can no longer be billed and are skipped.
 */
export async function runSchedules(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await lockDueSchedules(tx, now);
    let events = 0;
    for (const s of due) {
      let at: Date | null = s.nextRunAt;
      const batch = [];
      while (at && at <= now) {
        if (at.getTime() > now.getTime() - WINDOW_MS) {
          batch.push({
            id: `schedule:${s.id}:${at.toISOString()}`,
            subscriptionId: s.subscriptionId,
            dimension: s.dimension,
            quantity: s.quantity,
            timestamp: at.toISOString(),
          });
        }
        at = nextRun(s, at);
      }
      if (batch.length > 0) {
        const r = await ingestUsage(tx, batch, { kind: "schedule", ref: s.id }, { now });
        events += r.accepted;
        if (r.rejected.length > 0)
          log.warn(
            { scheduleId: s.id, rejected: r.rejected.length, firstReason: r.rejected[0]!.message },
            "metering: a usage schedule produced rejected events",
          );
      }
      await advanceUsageSchedule(tx, s.id, at);
    }
    return events;
  });
}
