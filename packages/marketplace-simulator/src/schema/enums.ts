import { simulator } from "./simulator-schema";

// Microsoft's exact names (SaaS Fulfillment API v2), so values go out without mapping.
export const simSubscriptionStatus = simulator.enum("subscription_status", [
  "PendingFulfillmentStart",
  "Subscribed",
  "Suspended",
  "Unsubscribed",
]);
export const simOperationAction = simulator.enum("operation_action", [
  "Subscribe",
  "ChangePlan",
  "ChangeQuantity",
  "Suspend",
  "Reinstate",
  "Renew",
  "Unsubscribe",
]);
export const simOperationStatus = simulator.enum("operation_status", ["NotStarted", "InProgress", "Succeeded", "Failed", "Conflict"]);
export const simOperationSource = simulator.enum("operation_source", ["Azure", "Partner"]);
export const simTermUnit = simulator.enum("term_unit", ["P1M", "P1Y", "P2Y", "P3Y", "P4Y", "P5Y"]);
