"use server";

import { adminAction } from "@/lib/actions/admin-action";
import { runDoctor, type DoctorCheck } from "@/lib/doctor/checks";
import { getEnv } from "@/lib/env";
import type { ConnectionReport } from "@/lib/sync/connection-check";
import { checkConnectionForStaff } from "@/lib/sync/record-connection-check";
import {
  autoHealDriftSchema,
  intervalLabel,
  syncIntervalSchema,
  updateAutoHealDrift,
  updateSyncInterval,
} from "@/lib/sync/schedule-settings";
import { z } from "zod";

/** Asks Entra ID for a token and makes one read-only call; the service records the outcome in the audit log. */
export const checkConnectionAction = adminAction<z.ZodObject, ConnectionReport>("owner", z.object({}), async (_input, ctx) => ({
  ok: true,
  data: await checkConnectionForStaff(ctx.db, getEnv(), ctx.actor),
}));

/** The configuration doctor's checks, as `npm run -s portal -- doctor` runs them; they call Entra ID and the public URL. */
export const runDoctorAction = adminAction<z.ZodObject, DoctorCheck[]>("owner", z.object({}), async (_input, ctx) => ({
  ok: true,
  data: await runDoctor(getEnv(), { withDb: (fn) => fn(ctx.db) }),
}));

export const updateSyncIntervalAction = adminAction(
  "owner",
  syncIntervalSchema,
  async (input, ctx) => {
    const { changed } = await updateSyncInterval(ctx.db, input.intervalMinutes, ctx.actor);
    return {
      ok: true,
      message: changed ? `Scheduled sync: ${intervalLabel(input.intervalMinutes).toLowerCase()}.` : "The schedule was already set to that.",
    };
  },
  { revalidate: ["/admin/settings", "/admin/sync"] },
);

export const updateAutoHealDriftAction = adminAction(
  "owner",
  autoHealDriftSchema,
  async (input, ctx) => {
    const on = input.autoHealDrift === "on";
    const { changed } = await updateAutoHealDrift(ctx.db, on, ctx.actor);
    if (!changed) return { ok: true, message: "The setting was already that." };
    return {
      ok: true,
      message: on ? "A sync now applies drift in Microsoft-owned fields by itself." : "A sync now leaves all drift for staff to review.",
    };
  },
  { revalidate: ["/admin/settings", "/admin/sync"] },
);
