"use server";

import { createHash } from "node:crypto";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { getPlan } from "@/db/queries/catalogue";
import { getSubscriptionById } from "@/db/queries/subscriptions";
import { adminAction } from "@/lib/actions/admin-action";
import { createUsageSchedule, endUsageSchedule, ingestUsage, listUsageSchedules, type UsageEventIn } from "@/lib/metering";
import { getMarketplaceClient } from "@/lib/services/marketplace";
import { REJECTION_FIELD, rejectionText } from "./rejections";
import { parseUsageCsv, type CsvRowError } from "./usage-csv";

const subscriptionId = z.guid({ message: "Unknown subscription" }).transform((id) => id.toLowerCase());
const pathsFor = (i: { subscriptionId?: string }) => [
  "/admin/usage",
  ...(i.subscriptionId ? [`/admin/subscriptions/${i.subscriptionId}`] : []),
];

/** The dimension as the subscription's current plan defines it, or the refusal to return. */
async function planDimension(db: DbOrTx, id: string, dimensionId: string) {
  const sub = await getSubscriptionById(db, id);
  if (!sub) return { ok: false as const, error: "This subscription is not known." };
  const plan = await getPlan(db, sub.offerId, sub.planId);
  const dimension = plan?.meteringDimensions.find((d) => d.id === dimensionId);
  if (!dimension)
    return {
      ok: false as const,
      error: "Please correct the highlighted fields.",
      fieldErrors: { dimension: `The ${plan?.displayName ?? sub.planId} plan has no dimension "${dimensionId}".` },
    };
  return { ok: true as const, dimension };
}

/** What the confirmation step shows, and sends again unchanged when confirmed. */
export interface UsagePreview {
  id: string;
  dimension: string;
  dimensionName: string;
  quantity: number;
  timestamp: string;
}

// The browser's datetime-local value ("2026-05-04T13:00"), read as UTC, as every time on the dashboard is.
const utcHour = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Enter the hour as a date and time (UTC)")
  .transform((v) => new Date(`${v.length === 16 ? `${v}:00` : v}Z`))
  .refine((d) => !Number.isNaN(d.getTime()), "Enter a real date and time");

const dimensionField = z.string().trim().min(1, "Choose a dimension").max(64);
const usageQuantity = z.coerce
  .number({ message: "Enter a number" })
  .finite("Enter a number")
  .positive("Enter a quantity above 0")
  .max(1_000_000_000, "At most 1,000,000,000");

const postUsageSchema = z.object({
  subscriptionId,
  dimension: dimensionField,
  quantity: usageQuantity,
  hour: utcHour,
  // Set only by the confirmation step; its ID makes a second click a duplicate, never a second event.
  confirm: z.literal("yes").optional(),
  id: z.uuid().optional(),
});

/**
 * Manual posting in two steps: without `confirm` it checks the input and answers with what would
 * be sent; with it, the event goes through the same ingestion as the API (source `manual`, the
 * staff member's e-mail as reference), which audits it as `usage.posted`.
 */
export const postUsageAction = adminAction(
  "operator",
  postUsageSchema,
  async (input, ctx) => {
    const found = await planDimension(ctx.db, input.subscriptionId, input.dimension);
    if (!found.ok) return found;
    const { dimension } = found;
    const preview: UsagePreview = {
      id: input.id ?? crypto.randomUUID(),
      dimension: dimension.id,
      dimensionName: dimension.displayName,
      quantity: input.quantity,
      timestamp: input.hour.toISOString(),
    };
    if (input.confirm !== "yes") return { ok: true, data: { preview } };

    const event = {
      id: `manual:${preview.id}`,
      subscriptionId: input.subscriptionId,
      dimension: preview.dimension,
      quantity: preview.quantity,
      timestamp: preview.timestamp,
    };
    const result = await ingestUsage(
      ctx.db,
      [event],
      { kind: "manual", ref: ctx.staff.email ?? ctx.staff.userId },
      { staff: { id: ctx.actor.id, email: ctx.actor.email }, plans: getMarketplaceClient() },
    );
    const [rejected] = result.rejected;
    if (rejected) {
      const text = rejectionText(rejected.code, rejected.message);
      const field = REJECTION_FIELD[rejected.code];
      return field
        ? { ok: false, error: "Please correct the highlighted fields.", fieldErrors: { [field]: text } }
        : { ok: false, error: text };
    }
    const what = `${preview.quantity} of ${dimension.displayName} for ${preview.timestamp.slice(0, 10)} ${preview.timestamp.slice(11, 16)} UTC`;
    return { ok: true, message: result.duplicates > 0 ? `Already posted: ${what} (not counted twice).` : `Posted ${what}.` };
  },
  { revalidate: pathsFor },
);

/** Per row of an import: kept (accepted or already known) or refused with the reason. */
export interface ImportOutcome {
  rows: number;
  accepted: number;
  duplicates: number;
  rejected: CsvRowError[];
}

const importUsageSchema = z.object({
  // Empty on /admin/usage, where each row names its subscription.
  subscriptionId: z.preprocess((v) => (v === "" ? undefined : v), subscriptionId.optional()),
  csv: z.string().min(1, "Choose a CSV file or paste its contents").max(1_000_000, "The file is larger than 1 MB; split it"),
  fileName: z.string().trim().max(200).optional(),
});

/**
 * A row without an id gets one from what it reports (subscription, dimension, quantity, instant)
 * and how many identical rows came before it in the file. The same file imported again, or again
 * after fixing a refused row (the form keeps the text for that), adds only what is new; two
 * identical rows in one file still count twice. Rows with an id keep theirs.
 */
function withRowKeys(events: UsageEventIn[]): UsageEventIn[] {
  const seen = new Map<string, number>();
  return events.map((e) => {
    if (e.id) return e;
    const content = JSON.stringify([e.subscriptionId.toLowerCase(), e.dimension, e.quantity, new Date(e.timestamp).toISOString()]);
    const n = (seen.get(content) ?? 0) + 1;
    seen.set(content, n);
    return { ...e, id: `csv-${createHash("sha256").update(content).digest("base64url").slice(0, 32)}-${n}` };
  });
}

/** Rows that pass the API's event schema and ingestion are kept even when others in the file are refused. */
export const importUsageAction = adminAction(
  "operator",
  importUsageSchema,
  async (input, ctx) => {
    const parsed = parseUsageCsv(input.csv, { subscriptionId: input.subscriptionId });
    if (!parsed.ok) return { ok: false, error: "The file could not be imported.", fieldErrors: { csv: parsed.error } };
    const rejected = [...parsed.errors];
    let accepted = 0;
    let duplicates = 0;
    if (parsed.events.length > 0) {
      const result = await ingestUsage(
        ctx.db,
        withRowKeys(parsed.events.map((e) => e.event)),
        { kind: "csv", ref: input.fileName || "pasted CSV" },
        // The signed-in staff member is the audit row's actor; the file name goes in its details.
        { staff: { id: ctx.actor.id, email: ctx.actor.email }, plans: getMarketplaceClient() },
      );
      accepted = result.accepted;
      duplicates = result.duplicates;
      for (const r of result.rejected) {
        const row = parsed.events[r.index];
        if (row) rejected.push({ row: row.row, line: row.line, values: row.values, message: rejectionText(r.code, r.message) });
      }
    }
    rejected.sort((a, b) => a.row - b.row);
    const rows = parsed.events.length + parsed.errors.length;
    const data: ImportOutcome = { rows, accepted, duplicates, rejected };
    const summary = `${accepted} of ${rows} rows imported${duplicates ? `, ${duplicates} already known` : ""}${rejected.length ? `, ${rejected.length} refused` : ""}.`;
    return { ok: true, data, message: summary };
  },
  { revalidate: pathsFor },
);

const createScheduleSchema = z
  .object({
    subscriptionId,
    dimension: dimensionField,
    quantity: usageQuantity,
    cadence: z.enum(["hourly", "daily", "monthly", "one_time"], { message: "Choose how often" }),
    startsAt: utcHour,
    endsAt: z.preprocess((v) => (v === "" ? undefined : v), utcHour.optional()),
  })
  .refine((i) => !i.endsAt || i.endsAt > i.startsAt, { path: ["endsAt"], message: "End after the start" });

/** A fixed quantity on a cadence (the reference accelerator's scheduler); each run is ingested like any event. */
export const createUsageScheduleAction = adminAction(
  "operator",
  createScheduleSchema,
  async (input, ctx) => {
    const found = await planDimension(ctx.db, input.subscriptionId, input.dimension);
    if (!found.ok) return found;
    const { subscriptionId: id, ...rest } = input;
    await createUsageSchedule(ctx.db, { subscriptionId: id, ...rest }, ctx.staff.email ?? ctx.staff.userId);
    const cadence = input.cadence === "one_time" ? "once" : input.cadence;
    return { ok: true, message: `Scheduled ${input.quantity} of ${found.dimension.displayName}, ${cadence}.` };
  },
  { revalidate: pathsFor },
);

export const endUsageScheduleAction = adminAction(
  "operator",
  z.object({ subscriptionId, scheduleId: z.uuid({ message: "Unknown schedule" }) }),
  async (input, ctx) => {
    // Only a schedule of the subscription on the page: the ID alone must not end another one.
    const mine = await listUsageSchedules(ctx.db, { subscriptionId: input.subscriptionId, activeOnly: true });
    if (!mine.some((s) => s.id === input.scheduleId))
      return { ok: false, error: "This schedule has ended already or belongs to another subscription." };
    await endUsageSchedule(ctx.db, input.scheduleId, ctx.staff.email ?? ctx.staff.userId);
    return { ok: true, message: "Schedule ended; runs already posted stay." };
  },
  { revalidate: pathsFor },
);
