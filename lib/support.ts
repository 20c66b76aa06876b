import "server-only";
import { requestBrand } from "@/lib/brand/brand";

/** Where a buyer who is stuck can reach the publisher's support: an address, a site, or both. */
export interface SupportContact {
  email: string | null;
  url: string | null;
}

/**
 * The support contact buyer pages show for an offer (or for the portal, when the page knows no
 * offer): the offer's brand, else the portal's default brand, else SUPPORT_EMAIL / SUPPORT_URL
 * (lib/brand/brand.ts). Null when none is set: the pages then point at the offer's page in
 * Microsoft's storefront, which always has one.
 */
export async function supportContact(offerId?: string | null): Promise<SupportContact | null> {
  const { supportEmail: email, supportUrl: url } = await requestBrand(offerId ?? null);
  return email || url ? { email, url } : null;
}
