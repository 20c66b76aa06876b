import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { provisioningState, saasSubscriptionStatus, sandboxType, sessionMode, termUnit } from "./enums";
import { createdAt, updatedAt } from "./columns";

/** A marketplace SaaS subscription: every field of Microsoft's Subscription object plus the portal's own state. */
export const subscriptions = pgTable(
  "subscriptions",
  {
    id: uuid().primaryKey(),
    name: text().notNull(),
    publisherId: text(),
    offerId: text().notNull(),
    planId: text().notNull(),
    /** Microsoft's Plan.market for this purchase (from listAvailablePlans): which prices apply. */
    market: text(),
    quantity: integer(),
    status: saasSubscriptionStatus().notNull(),
    purchaserEmail: text(),
    purchaserObjectId: uuid(),
    purchaserTenantId: uuid(),
    purchaserPuid: text(),
    beneficiaryEmail: text(),
    beneficiaryObjectId: uuid(),
    beneficiaryTenantId: uuid(),
    beneficiaryPuid: text(),
    termUnit: termUnit(),
    termStartDate: timestamp({ withTimezone: true }),
    termEndDate: timestamp({ withTimezone: true }),
    autoRenew: boolean().notNull().default(true),
    isTest: boolean().notNull().default(false),
    isFreeTrial: boolean().notNull().default(false),
    sandboxType: sandboxType().notNull().default("None"),
    sessionMode: sessionMode().notNull().default("None"),
    allowedCustomerOperations: text()
      .array()
      .notNull()
      .default(sql`'{Read,Update,Delete}'::text[]`),
    /** `created` as Microsoft reports it. */
    marketplaceCreatedAt: timestamp({ withTimezone: true }),
    provisioningState: provisioningState().notNull().default("new"),
    onboardingValues: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    confirmedByEmail: text(),
    confirmedByObjectId: text(),
    /** What the portal asked Microsoft to activate, and why the last attempt failed. */
    activationRequest: jsonb().$type<{ planId: string; quantity?: number; requestedAt: string; correlationId: string }>(),
    activationError: text(),
    /** When the current `activating` claim was taken; a claim abandoned by a crash is taken over after a bound from here. */
    activationClaimedAt: timestamp({ withTimezone: true }),
    confirmedAt: timestamp({ withTimezone: true }),
    activatedAt: timestamp({ withTimezone: true }),
    lastSyncedAt: timestamp({ withTimezone: true }),
    /** When the GET subscription last applied to this row was sent (database clock): an older reading never overwrites a newer one. */
    marketplaceReadAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // The admin list filters and sorts on these from day one.
  (t) => [
    index("subscriptions_status_idx").on(t.status),
    // The filter menus' offer/plan skip scan reads its prefix; the list's capped count of a filter is an index-only scan of it.
    index("subscriptions_offer_plan_filter_idx").on(t.offerId, t.planId, t.status, t.isTest, t.isFreeTrial),
    index("subscriptions_purchaser_email_idx").on(t.purchaserEmail),
    index("subscriptions_beneficiary_email_idx").on(t.beneficiaryEmail),
    index("subscriptions_purchaser_tenant_idx").on(t.purchaserTenantId),
    index("subscriptions_beneficiary_tenant_idx").on(t.beneficiaryTenantId),
    index("subscriptions_created_idx").on(t.createdAt, t.id),
    index("subscriptions_name_idx").on(t.name, t.id),
    index("subscriptions_status_created_idx").on(t.status, t.createdAt, t.id),
    // One trigram index over the searched text (db/queries/admin-subscriptions.ts, searchText) serves the admin
    // search's ILIKE '%…%': one index scan instead of three, whose common trigrams ("buy", ".ex") each listed every row.
    index("subscriptions_search_trgm_idx").using("gin", sql`${subscriptionSearchText(t)} gin_trgm_ops`),
  ],
);
export type Subscription = typeof subscriptions.$inferSelect;

/**
 * What the admin search matches: name and both e-mails, joined by a control character no search
 * text holds (the query strips them), so a pattern never matches across two fields. The query must
 * spell this expression as the index does for PostgreSQL to use the index.
 */
export function subscriptionSearchText(t: { name: AnyPgColumn; purchaserEmail: AnyPgColumn; beneficiaryEmail: AnyPgColumn }) {
  return sql`(${t.name} || chr(31) || coalesce(${t.purchaserEmail}, '') || chr(31) || coalesce(${t.beneficiaryEmail}, ''))`;
}
export type NewSubscription = typeof subscriptions.$inferInsert;
