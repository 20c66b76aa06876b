import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { getBrandRows, insertBrandLogo, upsertBrand } from "@/db/queries/brand";
import { getOffer } from "@/db/queries/catalogue";
import { PORTAL_BRAND_SCOPE, type AuditChanges } from "@/db/schema";
import { fail, type ServiceFailure } from "@/lib/errors";
import type { Actor } from "@/lib/subscriptions/activate";
import { sniffLogoType } from "./logo";
import { LOGO_MESSAGES, type BrandSettingsInput } from "./schemas";

export type BrandResult = { ok: true; changed: boolean } | ServiceFailure<"offer-not-found" | "invalid-input">;

const FIELDS = ["productName", "accentColor", "supportEmail", "supportUrl", "privacyUrl", "termsUrl", "logoHash"] as const;

/**
 * Saves an offer's brand, or the portal's default (`scope` "*"), with its audit event in the same
 * transaction. The logo's type is taken from its bytes, never from the name or the declared type.
 */
export async function updateBrand(db: Db, input: BrandSettingsInput, actor: Actor): Promise<BrandResult> {
  let logo: { hash: string; contentType: string; size: number; data: Uint8Array } | null = null;
  if (input.logo && !input.removeLogo) {
    const data = new Uint8Array(await input.logo.arrayBuffer());
    const contentType = sniffLogoType(data);
    if (!contentType) return fail("invalid-input", { logo: LOGO_MESSAGES.notImage });
    logo = { hash: createHash("sha256").update(data).digest("hex"), contentType, size: data.byteLength, data };
  }
  const portal = input.scope === PORTAL_BRAND_SCOPE;
  return db.transaction(async (tx): Promise<BrandResult> => {
    if (!portal && !(await getOffer(tx, input.scope))) return fail("offer-not-found");
    const rows = await getBrandRows(tx, portal ? null : input.scope);
    const before = (portal ? rows.portal : rows.offer) ?? null;
    const after = {
      productName: input.productName,
      accentColor: input.accentColor,
      supportEmail: input.supportEmail,
      supportUrl: input.supportUrl,
      privacyUrl: input.privacyUrl,
      termsUrl: input.termsUrl,
      logoHash: input.removeLogo ? null : (logo?.hash ?? before?.logoHash ?? null),
    };
    const changes: AuditChanges = {};
    for (const key of FIELDS) {
      const from = before?.[key] ?? null;
      if (from !== after[key]) changes[key] = { from, to: after[key] };
    }
    if (Object.keys(changes).length === 0) return { ok: true, changed: false };
    if (logo && changes.logoHash) await insertBrandLogo(tx, logo);
    await upsertBrand(tx, { scope: input.scope, ...after });
    await insertAuditEvent(tx, {
      actorType: actor.type,
      actorId: actor.id,
      actorEmail: actor.email,
      action: "brand.updated",
      targetType: portal ? "portal" : "offer",
      targetId: input.scope,
      changes,
    });
    return { ok: true, changed: true };
  });
}
