import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";

/** What a key may do on /api/v1: report usage, or read subscriptions and their usage. */
export const apiKeyScope = pgEnum("api_key_scope", ["usage:write", "subscriptions:read"]);

/**
 * Keys the ISV's own systems call /api/v1 with. Only a SHA-256 of the secret is kept: the secret
 * has 256 random bits, so a plain fast hash cannot be reversed by guessing (no salt or slow hash
 * needed, unlike passwords). `prefix` is the public part of the key, used to find the row.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    prefix: text().notNull().unique(),
    /** Hex SHA-256 of the secret part of the key. */
    secretHash: text().notNull(),
    scopes: apiKeyScope().array().notNull(),
    expiresAt: timestamp({ withTimezone: true }),
    /** Recorded at most once a minute per key and instance (lib/api-keys/authenticate.ts). */
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: text(),
    /** E-mail of the owner who created it, or `command line`. */
    createdBy: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check("api_keys_scopes_not_empty", sql`cardinality(${t.scopes}) > 0`), index("api_keys_created_idx").on(t.createdAt)],
);
export type ApiKey = typeof apiKeys.$inferSelect;
export type NewApiKey = typeof apiKeys.$inferInsert;
export type ApiKeyScope = (typeof apiKeyScope.enumValues)[number];
