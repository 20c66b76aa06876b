"use server";

import { z } from "zod";
import { adminAction } from "@/lib/actions/admin-action";
import { replayInboxItem } from "@/lib/jobs/replay-inbox-item";

/**
 * Puts a finished webhook call back in the queue. Safe to repeat: the worker recognises an
 * operation already applied by its ID. The service writes its own audit event with the reset.
 */
export const replayInboxAction = adminAction(
  "operator",
  z.object({ inboxId: z.guid({ message: "Unknown webhook call" }) }),
  async (input, ctx) => {
    const row = await replayInboxItem(ctx.db, input.inboxId, { id: ctx.staff.userId, email: ctx.staff.email ?? undefined });
    if (!row) return { ok: false, error: "This call is queued or being processed already, or no longer exists." };
    return {
      ok: true,
      flash: true,
      message: `Queued ${row.action} for ${row.subscriptionId} again; the worker picks it up within seconds.`,
    };
  },
  { revalidate: ["/admin/operations", "/admin"] },
);
