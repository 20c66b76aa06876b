import { boolean, pgTable, text } from "drizzle-orm/pg-core";
import { offers } from "./catalogue";
import { updatedAt } from "./columns";

/**
 * What buyers may do themselves on /account, per offer. No row means everything Microsoft allows:
 * the ISV turns a change off here, never on beyond the subscription's allowedCustomerOperations.
 */
export const offerSelfService = pgTable("offer_self_service", {
  offerId: text()
    .primaryKey()
    .references(() => offers.id, { onDelete: "cascade" }),
  changeSeats: boolean().notNull().default(true),
  changePlan: boolean().notNull().default(true),
  cancel: boolean().notNull().default(true),
  updatedAt: updatedAt(),
});
export type OfferSelfService = typeof offerSelfService.$inferSelect;
