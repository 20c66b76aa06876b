"use server";

import { z } from "zod";
import { adminAction } from "@/lib/actions/admin-action";
import { fail } from "@/lib/errors";
import { getMarketplaceClient } from "@/lib/services/marketplace";
import { acceptDrift } from "@/lib/sync/accept-drift";
import { startSyncInBackground } from "@/lib/sync/start-sync";

const revalidate = ["/admin/sync"];

/** Claims the run and returns at once; the walk over Microsoft's list continues in the background. */
export const startSyncAction = adminAction(
  "operator",
  z.object({}),
  async (_input, ctx) => {
    const run = await startSyncInBackground(ctx.db, getMarketplaceClient(), { startedBy: ctx.staff.email, actor: ctx.actor });
    if (!run) return fail("sync-running");
    return { ok: true, data: { runId: run.id }, message: "Sync started." };
  },
  { revalidate },
);

export const acceptDriftAction = adminAction(
  "operator",
  z.object({ subscriptionId: z.guid({ message: "Unknown subscription" }) }),
  async (input, ctx) => {
    const result = await acceptDrift(ctx.db, { subscriptionIds: [input.subscriptionId], actor: ctx.actor });
    return result.fields > 0
      ? { ok: true, flash: true, message: `Took Microsoft's version of ${result.fields} field${result.fields === 1 ? "" : "s"}.` }
      : { ok: false, error: staleMessage(result.stale) };
  },
  { revalidate: (i) => [...revalidate, `/admin/subscriptions/${i.subscriptionId}`] },
);

// The confirmation is typed in the form, so a stray click cannot rewrite every drifted subscription.
export const acceptAllDriftAction = adminAction(
  "operator",
  z.object({ confirm: z.literal("on", { message: "Confirm that Microsoft's version should replace ours" }) }),
  async (_input, ctx) => {
    const result = await acceptDrift(ctx.db, { subscriptionIds: "all", actor: ctx.actor });
    if (result.fields === 0) return { ok: false, error: staleMessage(result.stale) };
    const skipped =
      result.stale > 0 ? ` ${result.stale} field${result.stale === 1 ? " was" : "s were"} skipped: they changed after the sync.` : "";
    return {
      ok: true,
      message: `Updated ${result.subscriptions} subscription${result.subscriptions === 1 ? "" : "s"} (${result.fields} fields).${skipped}`,
    };
  },
  { revalidate: [...revalidate, "/admin/subscriptions"] },
);

function staleMessage(stale: number): string {
  return stale > 0
    ? "Nothing was changed: our values changed after the sync compared them (for example through a webhook). Run the sync again."
    : "There is no drift to accept any more.";
}
