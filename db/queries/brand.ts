import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { brandLogos, brands, PORTAL_BRAND_SCOPE, type BrandLogo, type BrandRow, type NewBrandRow } from "../schema";

/** The portal's default row and, when asked, the offer's; either may be missing. */
export async function getBrandRows(db: DbOrTx, offerId?: string | null): Promise<{ portal?: BrandRow; offer?: BrandRow }> {
  const scopes = offerId ? [PORTAL_BRAND_SCOPE, offerId] : [PORTAL_BRAND_SCOPE];
  const rows = await db.select().from(brands).where(inArray(brands.scope, scopes));
  return {
    portal: rows.find((r) => r.scope === PORTAL_BRAND_SCOPE),
    offer: offerId ? rows.find((r) => r.scope === offerId) : undefined,
  };
}

/** Every row: a handful, one per branded offer. */
export async function listBrandRows(db: DbOrTx): Promise<BrandRow[]> {
  return db.select().from(brands);
}

export async function upsertBrand(db: DbOrTx, row: NewBrandRow): Promise<void> {
  const { scope, ...values } = row;
  await db
    .insert(brands)
    .values(row)
    .onConflictDoUpdate({ target: brands.scope, set: { ...values, updatedAt: new Date() } });
}

/** Stores a logo once per content: the same bytes uploaded again (or for another offer) share a row. */
export async function insertBrandLogo(db: DbOrTx, logo: Pick<BrandLogo, "hash" | "contentType" | "size" | "data">): Promise<void> {
  await db.insert(brandLogos).values(logo).onConflictDoNothing({ target: brandLogos.hash });
}

export async function getBrandLogo(db: DbOrTx, hash: string): Promise<BrandLogo | undefined> {
  const [row] = await db.select().from(brandLogos).where(eq(brandLogos.hash, hash)).limit(1);
  return row;
}
