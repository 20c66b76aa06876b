import { customType, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";

/** Raw bytes: node-postgres answers with a Buffer, PGlite with a Uint8Array; both are Uint8Arrays. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => new Uint8Array(v),
});

/** The scope of the portal's own brand, the default of every offer without one (offer IDs never contain "*"). */
export const PORTAL_BRAND_SCOPE = "*";

/**
 * What buyers see of the ISV: per offer (`scope` = the offer ID) over the portal's default
 * (`scope` = "*"). A null field falls back to the default, then to the offer's display name or the
 * portal's configuration.
 */
export const brands = pgTable("brands", {
  scope: text().primaryKey(),
  productName: text(),
  /** The logo's content hash: its row in brand_logos and the last part of its URL. */
  logoHash: text(),
  accentColor: text(),
  supportEmail: text(),
  supportUrl: text(),
  privacyUrl: text(),
  termsUrl: text(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
export type BrandRow = typeof brands.$inferSelect;
export type NewBrandRow = typeof brands.$inferInsert;

/**
 * Uploaded logos, by the SHA-256 of their bytes. A replaced logo stays: e-mails already sent
 * still point at it, and its URL is immutable, so caches may keep it for a year.
 */
export const brandLogos = pgTable("brand_logos", {
  hash: text().primaryKey(),
  contentType: text().notNull(),
  size: integer().notNull(),
  data: bytea().notNull(),
  createdAt: createdAt(),
});
export type BrandLogo = typeof brandLogos.$inferSelect;
