import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
    index("subscriptions_offer_plan_idx").on(t.offerId, t.planId),
    index("subscriptions_purchaser_email_idx").on(t.purchaserEmail),
    index("subscriptions_beneficiary_email_idx").on(t.beneficiaryEmail),
    index("subscriptions_purchaser_tenant_idx").on(t.purchaserTenantId),
    index("subscriptions_beneficiary_tenant_idx").on(t.beneficiaryTenantId),
    index("subscriptions_created_idx").on(t.createdAt, t.id),
    index("subscriptions_name_idx").on(t.name, t.id),
    index("subscriptions_status_created_idx").on(t.status, t.createdAt, t.id),
    // Trigram indexes serve the admin search's ILIKE '%…%' without scanning the table.
    index("subscriptions_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
    index("subscriptions_purchaser_email_trgm_idx").using("gin", sql`${t.purchaserEmail} gin_trgm_ops`),
    index("subscriptions_beneficiary_email_trgm_idx").using("gin", sql`${t.beneficiaryEmail} gin_trgm_ops`),
  ],
);
export type Subscription = typeof subscriptions.$inferSelect;
export type NewSubscription = typeof subscriptions.$inferInsert;
