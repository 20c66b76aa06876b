"use server";

import { adminAction } from "@/lib/actions/admin-action";
import { getEnv } from "@/lib/env";
import { checkMarketplaceConnection, type ConnectionReport } from "@/lib/sync/connection-check";
import { intervalLabel, syncIntervalSchema, updateSyncInterval } from "@/lib/sync/schedule-settings";
import { z } from "zod";

/** Asks Entra ID for a token and makes one read-only call; the outcome goes to the audit log too. */
export const checkConnectionAction = adminAction<z.ZodObject, ConnectionReport>("owner", z.object({}), async () => {
  const report = await checkMarketplaceConnection(getEnv());
  return {
    ok: true,
    data: report,
    audit: {
      action: "marketplace.connection_checked",
      targetType: "settings",
      targetId: "marketplace_connection",
      metadata: { mode: report.mode, tokenOk: report.token.ok, callOk: report.call.ok, status: report.call.status ?? null, requestId: report.call.requestId ?? null, error: report.call.error ?? report.token.error ?? null },
    },
  };
});

export const updateSyncIntervalAction = adminAction(
  "owner",
  syncIntervalSchema,
  async (input, ctx) => {
    const { changed } = await updateSyncInterval(ctx.db, input.intervalMinutes, ctx.actor);
    return { ok: true, message: changed ? `Scheduled sync: ${intervalLabel(input.intervalMinutes).toLowerCase()}.` : "The schedule was already set to that." };
  },
  { revalidate: ["/admin/settings", "/admin/sync"] },
);
