import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { getOffer } from "@/db/queries/catalogue";
import { getSelfServiceSettings, upsertSelfServiceSettings } from "@/db/queries/self-service";
import type { AuditChanges } from "@/db/schema";
import { fail } from "@/lib/errors";
import type { Actor } from "@/lib/subscriptions/activate";
import type { CatalogueResult } from "./settings";

// An unticked checkbox is not sent at all: absent means off.
const ticked = z
  .literal("on")
  .optional()
  .transform((v) => v === "on");

export const selfServiceSchema = z.object({
  offerId: z.string().trim().min(1).max(200),
  changeSeats: ticked,
  changePlan: ticked,
  cancel: ticked,
});
export type SelfServiceSettingsInput = z.output<typeof selfServiceSchema>;

/** Which changes buyers may make themselves on /account; Microsoft's own limits apply on top. */
export async function updateSelfServiceSettings(db: Db, input: SelfServiceSettingsInput, actor: Actor): Promise<CatalogueResult> {
  return db.transaction(async (tx): Promise<CatalogueResult> => {
    const offer = await getOffer(tx, input.offerId);
    if (!offer) return fail("offer-not-found");
    const before = await getSelfServiceSettings(tx, offer.id);
    const after = { changeSeats: input.changeSeats, changePlan: input.changePlan, cancel: input.cancel };
    const changes: AuditChanges = {};
    for (const key of ["changeSeats", "changePlan", "cancel"] as const)
      if (before[key] !== after[key]) changes[`selfService.${key}`] = { from: before[key], to: after[key] };
    if (Object.keys(changes).length === 0) return { ok: true, changed: false };
    await upsertSelfServiceSettings(tx, offer.id, after);
    await insertAuditEvent(tx, {
      actorType: actor.type,
      actorId: actor.id,
      actorEmail: actor.email,
      action: "offer.self_service_updated",
      targetType: "offer",
      targetId: offer.id,
      changes,
    });
    return { ok: true, changed: true };
  });
}
