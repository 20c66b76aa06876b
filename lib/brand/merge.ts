import type { BrandRow } from "@/db/schema/brand";
import { logoPath } from "./logo";

/** What a buyer sees of the ISV: on buyer pages, in e-mails and in the support contact. */
export interface Brand {
  productName: string;
  /** The logo's path on the portal (/brand/logo/<hash>), or null. */
  logoUrl: string | null;
  /** A CSS colour, `#rrggbb`, that passed the contrast check (./contrast.ts). */
  accentColor: string | null;
  supportEmail: string | null;
  supportUrl: string | null;
  privacyUrl: string | null;
  termsUrl: string | null;
}

/** The portal's own brand, used when no offer is known and nothing is configured. */
export const PORTAL_BRAND: Brand = {
  productName: "Marketplace SaaS Portal",
  logoUrl: null,
  accentColor: null,
  supportEmail: null,
  supportUrl: null,
  privacyUrl: null,
  termsUrl: null,
};

type Layer = Partial<BrandRow> | undefined;
const pick = <K extends keyof BrandRow>(key: K, ...layers: Layer[]) => layers.map((l) => l?.[key] ?? null).find((v) => v !== null) ?? null;
const hasSupport = (l: Layer) => Boolean(l?.supportEmail || l?.supportUrl);

/**
 * A brand from its layers, the first that sets a field winning: the offer's own settings, the
 * offer's display name, the portal's default settings, then SUPPORT_EMAIL / SUPPORT_URL and the
 * portal's name. The support address and site count as one contact, taken whole from one layer.
 */
export function mergeBrand(
  offerRow: Layer,
  offerName: string | null,
  portalRow: Layer,
  envSupport = { email: null, url: null } as { email: string | null; url: string | null },
): Brand {
  const support = [offerRow, portalRow].find(hasSupport) ?? { supportEmail: envSupport.email, supportUrl: envSupport.url };
  const logoHash = pick("logoHash", offerRow, portalRow);
  return {
    productName: pick("productName", offerRow) ?? offerName ?? pick("productName", portalRow) ?? PORTAL_BRAND.productName,
    logoUrl: logoHash ? logoPath(logoHash) : null,
    accentColor: pick("accentColor", offerRow, portalRow),
    supportEmail: support.supportEmail ?? null,
    supportUrl: support.supportUrl ?? null,
    privacyUrl: pick("privacyUrl", offerRow, portalRow),
    termsUrl: pick("termsUrl", offerRow, portalRow),
  };
}
