import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { activationMode, pricingModel } from "./enums";
import { createdAt, updatedAt } from "./columns";

export type BillingTerm = {
  termUnit: string;
  price: number;
  currency: string;
  description?: string;
  /** Units of each dimension the term's fee covers, counted from the term start (Microsoft's meteredQuantityIncluded). */
  meteredQuantityIncluded?: { dimensionId: string; units: number }[];
};
export type MeteringDimension = {
  id: string;
  displayName: string;
  unitOfMeasure: string;
  pricePerUnit: number;
  currency: string;
};

export const offers = pgTable("offers", {
  id: text().primaryKey(),
  publisherId: text(),
  displayName: text().notNull(),
  description: text(),
  /** Where buyers go after activation: the SaaS product itself. */
  handoffUrl: text(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
export type Offer = typeof offers.$inferSelect;
export type NewOffer = typeof offers.$inferInsert;

export const plans = pgTable(
  "plans",
  {
    offerId: text()
      .notNull()
      .references(() => offers.id, { onDelete: "cascade" }),
    planId: text().notNull(),
    displayName: text().notNull(),
    description: text(),
    pricingModel: pricingModel().notNull().default("flat_rate"),
    billingTerms: jsonb().$type<BillingTerm[]>().notNull().default([]),
    isPrivate: boolean().notNull().default(false),
    hasFreeTrial: boolean().notNull().default(false),
    minQuantity: integer(),
    maxQuantity: integer(),
    meteringDimensions: jsonb().$type<MeteringDimension[]>().notNull().default([]),
    activationMode: activationMode().notNull().default("instant"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.offerId, t.planId] })],
);
export type Plan = typeof plans.$inferSelect;
export type NewPlan = typeof plans.$inferInsert;

/**
 * A plan's prices in one market (Microsoft's Plan.market, e.g. "US", "SE"): listAvailablePlans
 * answers in the subscription's market and currency, so the same plan has a row per market.
 * https://learn.microsoft.com/en-us/partner-center/marketplace-offers/pc-saas-fulfillment-subscription-api#list-available-plans
 */
export const planPrices = pgTable(
  "plan_prices",
  {
    offerId: text().notNull(),
    planId: text().notNull(),
    market: text().notNull(),
    billingTerms: jsonb().$type<BillingTerm[]>().notNull().default([]),
    meteringDimensions: jsonb().$type<MeteringDimension[]>().notNull().default([]),
    refreshedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.offerId, t.planId, t.market] })],
);
export type PlanPrice = typeof planPrices.$inferSelect;
export type NewPlanPrice = typeof planPrices.$inferInsert;
