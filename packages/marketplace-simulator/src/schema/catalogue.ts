import { boolean, integer, jsonb, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { simulator } from "./simulator-schema";
import type { TermUnit } from "../types";

export type SimBillingTerm = {
  termUnit: TermUnit;
  price: number;
  currency: string;
  termDescription: string;
  /** Units of a dimension the base fee already covers; Microsoft sends them as strings. */
  meteredQuantityIncluded: Array<{ dimensionId: string; units: string }>;
};
export type SimMeteringDimension = {
  id: string;
  displayName: string;
  unitOfMeasure: string;
  pricePerUnit: number;
  currency: string;
};

export const simOffers = simulator.table("offers", {
  id: text().primaryKey(),
  displayName: text().notNull(),
  description: text().notNull(),
  /** Flat-rate and per-user plans cannot share an offer (Partner Center rule). */
  isPricePerSeat: boolean().notNull(),
  position: integer().notNull().default(0),
});
export type SimOffer = typeof simOffers.$inferSelect;
export type NewSimOffer = typeof simOffers.$inferInsert;

export const simPlans = simulator.table(
  "plans",
  {
    offerId: text()
      .notNull()
      .references(() => simOffers.id, { onDelete: "cascade" }),
    planId: text().notNull(),
    displayName: text().notNull(),
    description: text().notNull(),
    isPricePerSeat: boolean().notNull(),
    minQuantity: integer(),
    maxQuantity: integer(),
    hasFreeTrials: boolean().notNull().default(false),
    isPrivate: boolean().notNull().default(false),
    /** Buyer tenants that may see a private plan. */
    allowedTenantIds: jsonb().$type<string[]>().notNull().default([]),
    /** The private offer a private plan is sold through (`sourceOffers[].externalId`). */
    privateOfferId: uuid(),
    isStopSell: boolean().notNull().default(false),
    recurrentBillingTerms: jsonb().$type<SimBillingTerm[]>().notNull(),
    meteringDimensions: jsonb().$type<SimMeteringDimension[]>().notNull().default([]),
    position: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.offerId, t.planId] })],
);
export type SimPlan = typeof simPlans.$inferSelect;
export type NewSimPlan = typeof simPlans.$inferInsert;
