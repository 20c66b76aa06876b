import "server-only";
import { getEnv } from "@/lib/env";

/** Where a buyer who is stuck can reach the publisher's support: an address, a site, or both. */
export interface SupportContact {
  email: string | null;
  url: string | null;
}

/**
 * The support contact buyer pages show for an offer (or for the portal, when the page knows no
 * offer). Today it is the portal's SUPPORT_EMAIL / SUPPORT_URL for every offer; an offer's own
 * contact belongs here, so every buyer page and error message follows it. Null when none is set:
 * the pages then point at the offer's page in Microsoft's storefront, which always has one.
 */
export async function supportContact(offerId?: string | null): Promise<SupportContact | null> {
  void offerId;
  const { email, url } = getEnv().support;
  return email || url ? { email, url } : null;
}
