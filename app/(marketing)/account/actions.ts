"use server";

import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { buyerAction, type BuyerActionContext, type BuyerActionOutcome } from "@/lib/actions/buyer-action";
import { consumeAbuseLimit } from "@/lib/rate-limit";
import { getMarketplaceClient } from "@/lib/services/marketplace";
import { changeAsBuyer, type SelfServiceInput, type SelfServiceResult } from "@/lib/subscriptions/self-service";

// Each action is a public endpoint: the wrapper checks the session, changeAsBuyer checks that the
// subscription is the caller's and what Microsoft and the offer allow, every time. The values the
// buyer types are checked here, so that their errors are in the buyer's language.
const subscriptionId = z.guid();
const options = {
  invalidInput: "subscription-unknown",
  revalidate: (i: { subscriptionId: string }) => ["/account", `/account/${i.subscriptionId}`, `/admin/subscriptions/${i.subscriptionId}`],
} as const;

type Words = Awaited<ReturnType<typeof getTranslations<"SelfService">>>;

async function run(
  ctx: BuyerActionContext,
  input: SelfServiceInput,
  done: "seatsRequested" | "planRequested" | "cancelRequested",
): Promise<BuyerActionOutcome<{ operationId: string }>> {
  const t = await getTranslations("SelfService");
  // Every change calls Microsoft and starts an operation there: a few a minute per buyer is plenty.
  if (!(await consumeAbuseLimit("selfServiceChange", ctx.user.id)).allowed) return { ok: false, code: "too-many-changes" };
  const result = await changeAsBuyer({ db: ctx.db, client: getMarketplaceClient() }, ctx.user, input);
  if (result.ok) return { ok: true, data: { operationId: result.operationId }, message: t(done) };
  const fieldError = result.field && wordsFor(t, result);
  return fieldError
    ? { ok: false, code: "change-invalid", fieldErrors: { [result.field!]: fieldError } }
    : { ok: false, code: result.code === "change-invalid" ? "change-not-allowed" : result.code };
}

function wordsFor(t: Words, r: Extract<SelfServiceResult, { ok: false }>): string | null {
  switch (r.problem) {
    case "range":
      return r.range?.max == null ? t("seatsAtLeast", { min: r.range?.min ?? 1 }) : t("seatsRange", { min: r.range.min, max: r.range.max });
    case "same-quantity":
      return t("seatsSame");
    case "whole-number":
      return t("seatsWhole");
    case "same-plan":
      return t("planSame");
    case "plan-unavailable":
      return t("planUnavailable");
    default:
      return null;
  }
}

/** A new seat count, within the plan's range (the service asks Microsoft's listAvailablePlans). */
export const changeSeatsAction = buyerAction(
  z.object({ subscriptionId, quantity: z.string().max(20) }),
  async (input, ctx) => {
    const quantity = Number(input.quantity.trim());
    if (input.quantity.trim() === "" || !Number.isInteger(quantity) || quantity < 1 || quantity > 1_000_000) {
      const t = await getTranslations("SelfService");
      return { ok: false, code: "change-invalid", fieldErrors: { quantity: t("seatsWhole") } };
    }
    return run(ctx, { change: "seats", subscriptionId: input.subscriptionId, quantity }, "seatsRequested");
  },
  options,
);

/** Another plan of those Microsoft's listAvailablePlans offers this subscription. */
export const changePlanAction = buyerAction(
  z.object({ subscriptionId, planId: z.string().trim().max(50) }),
  async (input, ctx) => {
    if (!input.planId) {
      const t = await getTranslations("SelfService");
      return { ok: false, code: "change-invalid", fieldErrors: { planId: t("planChoose") } };
    }
    return run(ctx, { change: "plan", subscriptionId: input.subscriptionId, planId: input.planId }, "planRequested");
  },
  options,
);

/** Cancellation, only with the buyer's explicit confirmation: Microsoft never reactivates a cancelled subscription. */
export const cancelSubscriptionAction = buyerAction(
  z.object({ subscriptionId, confirm: z.string().optional(), reason: z.string().trim().max(500).optional() }),
  async (input, ctx) => {
    if (input.confirm !== "on") {
      const t = await getTranslations("SelfService");
      return { ok: false, code: "change-invalid", fieldErrors: { confirm: t("cancelConfirmRequired") } };
    }
    return run(ctx, { change: "cancel", subscriptionId: input.subscriptionId, reason: input.reason ?? "" }, "cancelRequested");
  },
  options,
);
