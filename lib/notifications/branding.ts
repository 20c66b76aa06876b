import { PORTAL_BRAND_SCOPE, type BrandRow } from "@/db/schema/brand";
import { mergeBrand, PORTAL_BRAND } from "@/lib/brand/merge";
import { accentPalette } from "@/lib/brand/contrast";

/**
 * What a message says about who sends it: the offer's brand (lib/brand) for a message about one
 * subscription, the portal's default brand otherwise. The templates read only this interface.
 */
export interface Branding {
  /** The product the buyer bought: the offer's brand name or display name. */
  productName: string;
  /** Who sends the message. */
  senderName: string;
  /** The portal's origin, for links. */
  baseUrl: string;
  accentColor: string;
  /** The label on an accent-coloured button: white or black, whichever contrasts more. */
  onAccentColor: string;
  /** Absolute, so mail clients can load it. */
  logoUrl: string | null;
  supportEmail: string | null;
  supportUrl: string | null;
  privacyUrl: string | null;
  termsUrl: string | null;
}

export type BrandingSource = (offer: { offerId: string; offerName: string } | null) => Branding;

export const PORTAL_NAME = PORTAL_BRAND.productName;
const PORTAL_ACCENT = "#1d4ed8";

type Support = { email: string | null; url: string | null };

/**
 * Branding from the brand rows (every row: a handful), read once per delivery round so that
 * rendering stays synchronous. Without rows: the portal's own name and colour.
 */
export function portalBranding(baseUrl: string, rows: BrandRow[] = [], support: Support = { email: null, url: null }): BrandingSource {
  const portal = rows.find((r) => r.scope === PORTAL_BRAND_SCOPE);
  return (offer) => {
    const brand = mergeBrand(offer ? rows.find((r) => r.scope === offer.offerId) : undefined, offer?.offerName ?? null, portal, support);
    const { accent, onAccent } = accentPalette(brand.accentColor ?? PORTAL_ACCENT);
    return {
      productName: brand.productName,
      senderName: portal?.productName ?? PORTAL_NAME,
      baseUrl,
      accentColor: accent,
      onAccentColor: onAccent,
      logoUrl: brand.logoUrl ? `${baseUrl}${brand.logoUrl}` : null,
      supportEmail: brand.supportEmail,
      supportUrl: brand.supportUrl,
      privacyUrl: brand.privacyUrl,
      termsUrl: brand.termsUrl,
    };
  };
}
