/**
 * What a message says about who sends it. One small interface: the portal's own name by default;
 * per-offer branding for buyers plugs in here without the templates changing.
 */
export interface Branding {
  /** The product the buyer bought: the offer's display name. */
  productName: string;
  /** Who sends the message. */
  senderName: string;
  /** The portal's origin, for links. */
  baseUrl: string;
  accentColor: string;
}

export type BrandingSource = (offer: { offerId: string; offerName: string } | null) => Branding;

export const PORTAL_NAME = "Marketplace SaaS Portal";

export function portalBranding(baseUrl: string): BrandingSource {
  return (offer) => ({ productName: offer?.offerName ?? PORTAL_NAME, senderName: PORTAL_NAME, baseUrl, accentColor: "#1d4ed8" });
}
