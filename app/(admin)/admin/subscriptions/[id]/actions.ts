"use server";

import { z } from "zod";
import { adminAction, type AdminActionContext, type AdminActionOutcome } from "@/lib/actions/admin-action";
import { getMarketplaceClient } from "@/lib/services/marketplace";
import { activateSubscription } from "@/lib/subscriptions/activate";
import { cancelSubscription, changePlan, changeQuantity, type ChangeResult } from "@/lib/subscriptions/change";

const subscriptionId = z.guid({ message: "Unknown subscription" });
// Microsoft: call PATCH only after the customer has explicitly approved the change.
const customerApproved = z.literal("on", { message: "Confirm that the customer approved this change" });
const pathsFor = (i: { subscriptionId: string }) => [`/admin/subscriptions/${i.subscriptionId}`, "/admin/subscriptions", "/admin"];
const deps = (ctx: AdminActionContext) => ({ db: ctx.db, client: getMarketplaceClient() });

function outcome(result: ChangeResult, message: string): AdminActionOutcome<{ operationId: string }> {
  if (result.ok) return { ok: true, data: { operationId: result.operation.id }, message };
  return { ok: false, error: result.message, fieldErrors: result.field ? { [result.field]: result.message } : undefined };
}

/** Staff approval of a purchase on a staff-approved plan (or a retry after a failed activation). */
export const approveSubscriptionAction = adminAction(
  "operator",
  z.object({ subscriptionId }),
  async (input, ctx) => {
    const result = await activateSubscription(deps(ctx), { subscriptionId: input.subscriptionId, actor: ctx.actor });
    if (!result.ok)
      return {
        ok: false,
        error:
          result.reason === "not-found" ? "This subscription is not known." : "This subscription is not waiting for approval any more.",
      };
    const sub = result.subscription;
    if (sub.provisioningState === "activation_failed")
      return { ok: false, error: `Microsoft did not activate it: ${sub.activationError ?? "unknown error"}. You can retry.` };
    // The approval form gives way to the subscription's own actions: the message goes on the page.
    return {
      ok: true,
      flash: true,
      message:
        sub.status === "Subscribed" ? "Activated: billing has started." : "Activation requested; Microsoft has not confirmed it yet.",
    };
  },
  { revalidate: pathsFor },
);

export const changePlanAction = adminAction(
  "operator",
  z.object({ subscriptionId, planId: z.string().trim().min(1, "Choose a plan").max(50), customerApproved }),
  async (input, ctx) =>
    outcome(
      await changePlan(deps(ctx), { subscriptionId: input.subscriptionId, planId: input.planId, actor: ctx.actor }),
      "Plan change requested; waiting for Microsoft to complete it.",
    ),
  { revalidate: pathsFor },
);

export const changeQuantityAction = adminAction(
  "operator",
  z.object({
    subscriptionId,
    quantity: z.coerce.number({ message: "Enter a number" }).int("Enter a whole number").min(1, "At least 1 seat").max(1_000_000),
    customerApproved,
  }),
  async (input, ctx) =>
    outcome(
      await changeQuantity(deps(ctx), { subscriptionId: input.subscriptionId, quantity: input.quantity, actor: ctx.actor }),
      "Quantity change requested; waiting for Microsoft to complete it.",
    ),
  { revalidate: pathsFor },
);

export const cancelSubscriptionAction = adminAction(
  "operator",
  z.object({ subscriptionId, reason: z.string().trim().min(3, "Give a reason (at least 3 characters)").max(500) }),
  async (input, ctx) =>
    outcome(
      await cancelSubscription(deps(ctx), { subscriptionId: input.subscriptionId, reason: input.reason, actor: ctx.actor }),
      "Cancellation requested; waiting for Microsoft to complete it.",
    ),
  { revalidate: pathsFor },
);
