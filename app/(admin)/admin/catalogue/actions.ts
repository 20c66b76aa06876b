"use server";

import { adminAction, type AdminActionOutcome } from "@/lib/actions/admin-action";
import { addOnboardingField, editOnboardingField, moveOnboardingField, removeOnboardingField } from "@/lib/catalogue/onboarding-fields";
import { refreshPlans, type OfferRefresh } from "@/lib/catalogue/refresh-plans";
import {
  addOnboardingFieldSchema,
  editOnboardingFieldSchema,
  fieldIdSchema,
  moveOnboardingFieldSchema,
  offerSettingsSchema,
  planSettingsSchema,
} from "@/lib/catalogue/schemas";
import { selfServiceSchema, updateSelfServiceSettings } from "@/lib/catalogue/self-service";
import { updateOfferSettings, updatePlanPolicySettings, type CatalogueResult } from "@/lib/catalogue/settings";
import { brandSettingsSchema, PORTAL_BRAND_SCOPE } from "@/lib/brand/schemas";
import { updateBrand } from "@/lib/brand/settings";
import { fail } from "@/lib/errors";
import { getMarketplaceClient } from "@/lib/services/marketplace";
import { z } from "zod";

// Catalogue services write their own audit events, inside the transaction that makes the change.
const offerPaths = (offerId: string) => ["/admin/catalogue", `/admin/catalogue/${encodeURIComponent(offerId)}`];

function outcome(result: CatalogueResult, message: string, offerId?: string): AdminActionOutcome<undefined> {
  if (!result.ok) return result;
  return {
    ok: true,
    message: result.changed ? message : "Nothing to change.",
    revalidate: offerId ? offerPaths(offerId) : ["/admin/catalogue"],
  };
}

/** Only copies what Microsoft says about plans, so operators may run it like a sync. */
export const refreshPlansAction = adminAction<z.ZodObject, OfferRefresh[]>("operator", z.object({}), async (_input, ctx) => {
  const results = await refreshPlans(ctx.db, getMarketplaceClient(), ctx.actor);
  if (results.length === 0) return fail("plans-need-subscription");
  const failed = results.filter((r) => r.error);
  const message =
    failed.length === 0
      ? `Plans refreshed for ${results.length} offer${results.length === 1 ? "" : "s"}.`
      : `${results.length - failed.length} of ${results.length} offers refreshed.`;
  return { ok: true, data: results, message, revalidate: ["/admin/catalogue"] };
});

export const updateOfferAction = adminAction("owner", offerSettingsSchema, async (input, ctx) =>
  outcome(await updateOfferSettings(ctx.db, input, ctx.actor), "Offer saved.", input.offerId),
);

/** What buyers may change themselves on /account for this offer's subscriptions. */
export const updateSelfServiceAction = adminAction("owner", selfServiceSchema, async (input, ctx) =>
  outcome(await updateSelfServiceSettings(ctx.db, input, ctx.actor), "Self-service settings saved.", input.offerId),
);

export const updatePlanAction = adminAction("owner", planSettingsSchema, async (input, ctx) =>
  outcome(await updatePlanPolicySettings(ctx.db, input, ctx.actor), `Plan ${input.planId} saved.`, input.offerId),
);

export const addFieldAction = adminAction("owner", addOnboardingFieldSchema, async (input, ctx) =>
  outcome(await addOnboardingField(ctx.db, input, ctx.actor), `Question "${input.label}" added.`, input.offerId),
);

export const editFieldAction = adminAction("owner", editOnboardingFieldSchema, async (input, ctx) => {
  const result = await editOnboardingField(ctx.db, input, ctx.actor);
  return outcome(result, `Question "${input.label}" saved.`, result.ok ? result.field.offerId : undefined);
});

export const removeFieldAction = adminAction("owner", fieldIdSchema, async (input, ctx) => {
  const result = await removeOnboardingField(ctx.db, input.fieldId, ctx.actor);
  return outcome(
    result,
    result.ok ? `Question "${result.field.label}" removed; answers already given are kept.` : "",
    result.ok ? result.field.offerId : undefined,
  );
});

export const moveFieldAction = adminAction("owner", moveOnboardingFieldSchema, async (input, ctx) => {
  const result = await moveOnboardingField(ctx.db, input, ctx.actor);
  return outcome(result, "Order saved.", result.ok ? result.field.offerId : undefined);
});

/**
 * An offer's brand, or the portal's default (scope "*"). Buyer pages read it on every request, so
 * they are not revalidated here; the dashboard pages that show it are.
 */
export const updateBrandAction = adminAction("owner", brandSettingsSchema, async (input, ctx) => {
  const result = await updateBrand(ctx.db, input, ctx.actor);
  if (input.scope === PORTAL_BRAND_SCOPE) {
    if (!result.ok) return result;
    return { ok: true, message: result.changed ? "Default brand saved." : "Nothing to change.", revalidate: ["/admin/settings"] };
  }
  return outcome(result, "Brand saved.", input.scope);
});
