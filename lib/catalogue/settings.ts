import "server-only";
import type { Db } from "@/db/client";
import { getPlanPolicy } from "@/db/queries/admin-catalogue";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { getOffer, getPlan, updateOffer, updatePlanSettings } from "@/db/queries/catalogue";
import { upsertPlanPolicy } from "@/db/queries/operations";
import type { AuditChanges } from "@/db/schema";
import { fail, type ServiceFailure } from "@/lib/errors";
import type { Actor } from "@/lib/subscriptions/activate";
import type { OfferSettingsInput, PlanSettingsInput } from "./schemas";

export type CatalogueErrorCode = "offer-not-found" | "plan-not-found" | "field-not-found" | "invalid-input";
export type CatalogueResult = { ok: true; changed: boolean } | ServiceFailure<CatalogueErrorCode>;

const actorColumns = (a: Actor) => ({ actorType: a.type, actorId: a.id, actorEmail: a.email });

function diff<T extends object>(before: T, after: Partial<T>): AuditChanges {
  const changes: AuditChanges = {};
  for (const [key, to] of Object.entries(after)) {
    const from = (before as Record<string, unknown>)[key] ?? null;
    if (from !== (to ?? null)) changes[key] = { from, to: to ?? null };
  }
  return changes;
}

/** The portal's own name, description and hand-off address for an offer; Microsoft's data is not touched. */
export async function updateOfferSettings(db: Db, input: OfferSettingsInput, actor: Actor): Promise<CatalogueResult> {
  return db.transaction(async (tx): Promise<CatalogueResult> => {
    const offer = await getOffer(tx, input.offerId);
    if (!offer) return fail("offer-not-found");
    const values = { displayName: input.displayName, description: input.description, handoffUrl: input.handoffUrl };
    const changes = diff(offer, values);
    if (Object.keys(changes).length === 0) return { ok: true, changed: false };
    await updateOffer(tx, offer.id, values);
    await insertAuditEvent(tx, { ...actorColumns(actor), action: "offer.updated", targetType: "offer", targetId: offer.id, changes });
    return { ok: true, changed: true };
  });
}

/** How a plan is activated, and how customer-started plan or quantity changes are answered in the 10-second window. */
export async function updatePlanPolicySettings(db: Db, input: PlanSettingsInput, actor: Actor): Promise<CatalogueResult> {
  return db.transaction(async (tx): Promise<CatalogueResult> => {
    const plan = await getPlan(tx, input.offerId, input.planId);
    if (!plan) return fail("plan-not-found");
    const policy = (await getPlanPolicy(tx, input.offerId, input.planId))?.changePolicy ?? "accept_all";
    const changes = diff(
      { activationMode: plan.activationMode, changePolicy: policy },
      { activationMode: input.activationMode, changePolicy: input.changePolicy },
    );
    if (Object.keys(changes).length === 0) return { ok: true, changed: false };
    if (changes.activationMode) await updatePlanSettings(tx, plan.offerId, plan.planId, { activationMode: input.activationMode });
    if (changes.changePolicy) await upsertPlanPolicy(tx, { offerId: plan.offerId, planId: plan.planId, changePolicy: input.changePolicy });
    await insertAuditEvent(tx, {
      ...actorColumns(actor),
      action: "plan.updated",
      targetType: "plan",
      targetId: `${plan.offerId}/${plan.planId}`,
      changes,
    });
    return { ok: true, changed: true };
  });
}
