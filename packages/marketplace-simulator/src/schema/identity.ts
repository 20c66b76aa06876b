import { index, jsonb, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { JWK } from "jose";
import { simulator } from "./simulator-schema";

const ts = () => timestamp({ withTimezone: true, mode: "date" });

/** Stored so every app instance signs with one key and the JWKS survives restarts. */
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

/** Only a hash of each code is kept; a conditional UPDATE of `redeemedAt` makes it single-use. */
export const authorizationCodes = simulator.table(
  "authorization_codes",
  {
    codeHash: text().primaryKey(),
    clientId: text().notNull(),
    redirectUri: text().notNull(),
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
