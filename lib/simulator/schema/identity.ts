import { index, jsonb, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { JWK } from "jose";
import { simulator } from "./simulator-schema";

const ts = () => timestamp({ withTimezone: true, mode: "date" });

/**
 * The look-alike Entra ID's token-signing keys. One row per key name; every app instance on the
 * same database inserts-if-absent and then reads the row back, so all of them sign with and
 * publish the same key, and the JWKS survives restarts.
 */
export const signingKeys = simulator.table("signing_keys", {
  name: text().primaryKey(),
  kid: text().notNull().unique(),
  algorithm: text().notNull(),
  publicJwk: jsonb().$type<JWK>().notNull(),
  privateJwk: jsonb().$type<JWK>().notNull(),
  createdAt: ts().notNull().defaultNow(),
});
export type SigningKeyRow = typeof signingKeys.$inferSelect;
export type NewSigningKeyRow = typeof signingKeys.$inferInsert;

/**
 * One-time authorization codes of the sign-in flow. Only a SHA-256 of the code is kept, so a
 * leaked table cannot be replayed. `redeemedAt` makes redemption single-use under concurrency:
 * the token endpoint claims the row with a conditional UPDATE.
 */
export const authorizationCodes = simulator.table(
  "authorization_codes",
  {
    codeHash: text().primaryKey(),
    clientId: text().notNull(),
    redirectUri: text().notNull(),
    /** The tenant segment the flow ran under: a GUID, `common` or `organizations`. */
    authority: text().notNull(),
    scope: text().notNull(),
    codeChallenge: text().notNull(),
    codeChallengeMethod: text().notNull(),
    nonce: text(),
    objectId: uuid().notNull(),
    tenantId: uuid().notNull(),
    expiresAt: ts().notNull(),
    redeemedAt: ts(),
    createdAt: ts().notNull(),
  },
  (t) => [index().on(t.expiresAt)],
);
export type AuthorizationCodeRow = typeof authorizationCodes.$inferSelect;
export type NewAuthorizationCodeRow = typeof authorizationCodes.$inferInsert;
