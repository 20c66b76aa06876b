import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { captureLogs } from "@/test/console";
import { ensureOffer, upsertPlans } from "@/db/queries/catalogue";
import { upsertSubscription } from "@/db/queries/subscriptions";
import { auditEvents, usageEvents } from "@/db/schema";
import type { PortalUser } from "@/lib/auth";
import { SIMULATOR_TENANT_ID } from "@/lib/env";
import { listUsageHours, listUsageSchedules } from "@/lib/metering";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";

const state = vi.hoisted(() => ({ user: null as PortalUser | null, db: null as unknown }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => state.user }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const actions = await import("./actions");
const { revalidatePath } = await import("next/cache");
const as = (email: string): PortalUser => ({ id: randomUUID(), email, name: email, tenantId: SIMULATOR_TENANT_ID, roles: [] });
const dimension = (id: string) => ({ id, displayName: id, unitOfMeasure: "units", pricePerUnit: 1, currency: "USD" });
/** The current hour as the form's datetime-local field gives it. */
const formHour = (hoursAgo = 0) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString().slice(0, 13) + ":00";

describe.each(testDatabases("one"))("usage actions on %s", (kind) => {
  let t: TestDatabase;
  const metered = randomUUID();
  const flat = randomUUID();
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    state.db = t.db;
    await ensureOffer(t.db, { id: "contoso-analytics", displayName: "Analytics" });
    await upsertPlans(t.db, [
      {
        offerId: "contoso-analytics",
        planId: "professional",
        displayName: "Professional",
        meteringDimensions: [dimension("api-calls"), dimension("storage-gb")],
      },
      { offerId: "contoso-analytics", planId: "starter", displayName: "Starter" },
    ]);
    await upsertSubscription(t.db, {
      id: metered,
      name: "Metered",
      offerId: "contoso-analytics",
      planId: "professional",
      status: "Subscribed",
      termUnit: "P1M",
      termStartDate: new Date(Date.now() - 86_400_000),
    });
    await upsertSubscription(t.db, { id: flat, name: "Flat", offerId: "contoso-analytics", planId: "starter", status: "Subscribed" });
  });
  afterAll(async () => t?.close());
  beforeEach(() => {
    state.user = as("operator@isv.example");
    vi.mocked(revalidatePath).mockClear();
  });

  it("refuses viewers and signed-out callers before reading the input, and changes nothing", async () => {
    const form = { subscriptionId: metered, dimension: "api-calls", quantity: "5", hour: formHour(), confirm: "yes" };
    const logs = captureLogs("warn");
    state.user = as("viewer@isv.example");
    expect(await actions.postUsageAction(null, form)).toEqual({
      ok: false,
      error: "You need the operator role to do this (you are viewer).",
    });
    expect(
      await actions.importUsageAction(null, {
        subscriptionId: metered,
        csv: `dimension,quantity,timestamp\napi-calls,1,${new Date().toISOString()}`,
      }),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/operator role/) });
    state.user = null;
    expect(await actions.postUsageAction(null, form)).toMatchObject({ ok: false, error: expect.stringMatching(/Sign in again/) });
    expect(await t.db.select().from(usageEvents)).toEqual([]);
    expect(logs.restore()).toContainEqual(expect.objectContaining({ msg: "admin action refused", role: "viewer", need: "operator" }));
  });

  it("previews first, posts only when confirmed, and never counts a repeated confirmation twice", async () => {
    const input = { subscriptionId: metered.toUpperCase(), dimension: "api-calls", quantity: "7", hour: formHour(1) };
    const review = await actions.postUsageAction(null, input);
    expect(review).toMatchObject({
      ok: true,
      data: { preview: { dimension: "api-calls", quantity: 7, timestamp: `${formHour(1)}:00.000Z` } },
    });
    expect(await listUsageHours(t.db, { subscriptionId: metered })).toEqual([]);

    const preview = review.ok ? review.data!.preview : undefined;
    const confirmed = { ...input, hour: preview!.timestamp.slice(0, 19), id: preview!.id, confirm: "yes" };
    expect(await actions.postUsageAction(null, confirmed)).toMatchObject({
      ok: true,
      message: `Posted 7 of api-calls for ${formHour(1).replace("T", " ")} UTC.`,
    });
    expect(await actions.postUsageAction(null, confirmed)).toMatchObject({ ok: true, message: expect.stringMatching(/^Already posted/) });
    const [hour] = await listUsageHours(t.db, { subscriptionId: metered });
    expect(hour).toMatchObject({ dimension: "api-calls", quantity: 7 });
    expect(revalidatePath).toHaveBeenCalledWith(`/admin/subscriptions/${metered}`);
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "usage.posted"));
    expect(audit[0]).toMatchObject({ actorEmail: "operator@isv.example", targetId: metered });
  });

  it("gives field errors for bad input, unknown dimensions and hours outside Microsoft's window", async () => {
    const base = { subscriptionId: metered, dimension: "api-calls", quantity: "3", hour: formHour() };
    expect(await actions.postUsageAction(null, { ...base, quantity: "0", hour: "yesterday" })).toEqual({
      ok: false,
      error: "Please correct the highlighted fields.",
      fieldErrors: { quantity: "Enter a quantity above 0", hour: "Enter the hour as a date and time (UTC)" },
    });
    expect(await actions.postUsageAction(null, { ...base, dimension: "seats" })).toMatchObject({
      ok: false,
      fieldErrors: { dimension: 'The Professional plan has no dimension "seats".' },
    });
    expect(await actions.postUsageAction(null, { ...base, subscriptionId: flat })).toMatchObject({
      ok: false,
      fieldErrors: { dimension: expect.stringMatching(/Starter plan has no dimension/) },
    });
    expect(await actions.postUsageAction(null, { ...base, hour: formHour(30), confirm: "yes" })).toMatchObject({
      ok: false,
      fieldErrors: { hour: expect.stringMatching(/last 24 hours/) },
    });
    expect(await actions.postUsageAction(null, { ...base, subscriptionId: randomUUID() })).toEqual({
      ok: false,
      error: "This subscription is not known.",
    });
  });

  it("imports the valid rows of a CSV and reports each refused row with its reason", async () => {
    const at = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const csv = [
      "dimension,quantity,timestamp,id",
      `storage-gb,2,${at(2)},imp-1`,
      `storage-gb,-2,${at(2)},imp-2`,
      `seats,1,${at(2)},imp-3`,
      `storage-gb,4,${at(40)},imp-4`,
      `storage-gb,1,${at(3)},imp-1`,
    ].join("\n");
    const result = await actions.importUsageAction(null, { subscriptionId: metered, csv, fileName: "march.csv" });
    expect(result).toMatchObject({ ok: true, message: "1 of 5 rows imported, 1 already known, 3 refused." });
    const data = result.ok ? result.data! : undefined;
    expect(data?.rejected.map((r) => [r.row, r.message])).toEqual([
      [2, expect.stringMatching(/^quantity:/)],
      [3, "This dimension is not on the subscription's plan."],
      [4, expect.stringMatching(/last 24 hours/)],
    ]);
    const imported = await t.db.select().from(usageEvents).where(eq(usageEvents.source, "csv"));
    expect(imported.map((e) => [e.dimension, e.quantity, e.sourceRef])).toEqual([["storage-gb", 2, "march.csv"]]);
    // The signed-in staff member imported it; the file is a detail of the audit row.
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "usage.imported"));
    expect(audit).toMatchObject({
      actorType: "staff",
      actorId: state.user!.id,
      actorEmail: "operator@isv.example",
      metadata: expect.objectContaining({ file: "march.csv", accepted: 1, duplicates: 1 }),
    });

    // A file that cannot be read is refused as a whole, with the reason on the field.
    expect(await actions.importUsageAction(null, { subscriptionId: metered, csv: "amount\n1" })).toMatchObject({
      ok: false,
      fieldErrors: { csv: expect.stringMatching(/Unknown column "amount"/) },
    });
    expect(await actions.importUsageAction(null, { csv: "" })).toMatchObject({
      ok: false,
      fieldErrors: { csv: "Choose a CSV file or paste its contents" },
    });
  });

  it("counts a row without an id once, however often its file is imported, and identical rows of one file each", async () => {
    const at = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const rows = ["dimension,quantity,timestamp", `storage-gb,3,${at(2)}`, `storage-gb,3,${at(2)}`, `storage-gb,-5,${at(3)}`];
    const first = rows.join("\n");
    expect(await actions.importUsageAction(null, { subscriptionId: metered, csv: first, fileName: "april.csv" })).toMatchObject({
      ok: true,
      message: "2 of 3 rows imported, 1 refused.",
    });
    // Imported again as it was, then with the refused row fixed: only the fixed row is new.
    expect(await actions.importUsageAction(null, { subscriptionId: metered, csv: first, fileName: "april.csv" })).toMatchObject({
      ok: true,
      message: "0 of 3 rows imported, 2 already known, 1 refused.",
    });
    const fixed = [...rows.slice(0, 3), `storage-gb,5,${at(3)}`].join("\n");
    expect(await actions.importUsageAction(null, { subscriptionId: metered, csv: fixed, fileName: "april.csv" })).toMatchObject({
      ok: true,
      message: "1 of 3 rows imported, 2 already known.",
    });
    const imported = await t.db.select().from(usageEvents).where(eq(usageEvents.sourceRef, "april.csv"));
    expect(imported.map((e) => e.quantity).sort()).toEqual([3, 3, 5]);
  });

  it("adds a schedule for a dimension of the plan and ends only a schedule of this subscription", async () => {
    const base = { subscriptionId: metered, dimension: "storage-gb", quantity: "2", cadence: "daily", startsAt: formHour(), endsAt: "" };
    expect(await actions.createUsageScheduleAction(null, { ...base, cadence: "weekly" })).toMatchObject({
      ok: false,
      fieldErrors: { cadence: "Choose how often" },
    });
    expect(await actions.createUsageScheduleAction(null, { ...base, endsAt: formHour(2) })).toMatchObject({
      ok: false,
      fieldErrors: { endsAt: "End after the start" },
    });
    expect(await actions.createUsageScheduleAction(null, { ...base, subscriptionId: flat })).toMatchObject({
      ok: false,
      fieldErrors: { dimension: expect.any(String) },
    });
    expect(await actions.createUsageScheduleAction(null, base)).toMatchObject({ ok: true, message: "Scheduled 2 of storage-gb, daily." });
    const [schedule] = await listUsageSchedules(t.db, { subscriptionId: metered });
    expect(schedule).toMatchObject({
      dimension: "storage-gb",
      quantity: 2,
      cadence: "daily",
      createdBy: "operator@isv.example",
      active: true,
    });

    expect(await actions.endUsageScheduleAction(null, { subscriptionId: flat, scheduleId: schedule!.id })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/another subscription/),
    });
    state.user = as("viewer@isv.example");
    const logs = captureLogs("warn");
    expect(await actions.endUsageScheduleAction(null, { subscriptionId: metered, scheduleId: schedule!.id })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/operator role/),
    });
    expect(logs.restore()).toEqual([expect.objectContaining({ msg: "admin action refused", role: "viewer" })]);
    state.user = as("owner@isv.example");
    expect(await actions.endUsageScheduleAction(null, { subscriptionId: metered, scheduleId: schedule!.id })).toMatchObject({ ok: true });
    expect((await listUsageSchedules(t.db, { subscriptionId: metered }))[0]?.active).toBe(false);
  });
});
