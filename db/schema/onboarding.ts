import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";

export const onboardingFieldType = pgEnum("onboarding_field_type", ["text", "number", "date", "email", "url", "choice"]);

/** Questions the buyer answers on the landing page, defined per offer and enabled per plan. */
export const onboardingFields = pgTable(
  "onboarding_fields",
  {
    id: uuid().primaryKey().defaultRandom(),
    offerId: text().notNull(),
    /** Key under which the answer is stored in `subscriptions.onboarding_values`. */
    key: text().notNull(),
    label: text().notNull(),
    helpText: text(),
    type: onboardingFieldType().notNull(),
    required: boolean().notNull().default(false),
    min: integer(),
    max: integer(),
    options: text().array(),
    sortOrder: integer().notNull().default(0),
    /** null: every plan of the offer. */
    enabledPlanIds: text().array(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("onboarding_fields_offer_idx").on(t.offerId, t.sortOrder)],
);
export type OnboardingField = typeof onboardingFields.$inferSelect;
export type NewOnboardingField = typeof onboardingFields.$inferInsert;

/**
 * Purchase tokens already resolved, by SHA-256: a revisit skips a second resolve, and the
 * portal never depends on Microsoft resolving the same token twice.
 */
export const purchaseTokens = pgTable("purchase_tokens", {
  tokenHash: text().primaryKey(),
  subscriptionId: uuid().notNull(),
  firstResolvedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type PurchaseToken = typeof purchaseTokens.$inferSelect;
