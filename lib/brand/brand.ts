import "server-only";
import { getDb } from "@/db";
import type { DbOrTx } from "@/db/client";
import { getOffer } from "@/db/queries/catalogue";

/** What a buyer sees of the ISV: on buyer pages, in e-mails and in the support contact. */
export interface Brand {
  productName: string;
  logoUrl: string | null;
  /** A CSS colour, `#rrggbb`. */
  accentColor: string | null;
  supportEmail: string | null;
  supportUrl: string | null;
  privacyUrl: string | null;
  termsUrl: string | null;
}

/** The portal's own brand, used when no offer is known. */
export const PORTAL_BRAND: Brand = {
  productName: "Marketplace SaaS Portal",
  logoUrl: null,
  accentColor: null,
  supportEmail: null,
  supportUrl: null,
  privacyUrl: null,
  termsUrl: null,
};

/**
 * The brand for an offer's buyers: the offer's name over the portal default. Every surface that
 * speaks to a buyer (pages, e-mails, the support contact) asks here, so per-offer logo, colour and
 * links can be added in one place.
 */
export async function brandFor(offerId?: string | null, db?: DbOrTx): Promise<Brand> {
  if (!offerId) return PORTAL_BRAND;
  const offer = await getOffer(db ?? (await getDb()), offerId);
  return offer ? { ...PORTAL_BRAND, productName: offer.displayName } : PORTAL_BRAND;
}
