import { pgEnum } from "drizzle-orm/pg-core";
// Relative, not "@/": drizzle-kit loads this schema without the app's path aliases.
import { SAAS_SUBSCRIPTION_STATUSES } from "../../lib/marketplace/enums";

// Microsoft's exact names (SaaS Fulfillment API v2), so values pass through without mapping.
// One list of subscription statuses for the wire schema, this enum and the life-cycle table.
export const saasSubscriptionStatus = pgEnum("saas_subscription_status", SAAS_SUBSCRIPTION_STATUSES);
export const operationStatus = pgEnum("operation_status", ["NotStarted", "InProgress", "Succeeded", "Failed", "Conflict"]);
export const operationAction = pgEnum("operation_action", [
  "Subscribe",
  "ChangePlan",
  "ChangeQuantity",
  "Renew",
  "Suspend",
  "Reinstate",
  "Unsubscribe",
]);
export const operationSource = pgEnum("operation_source", ["Azure", "Partner"]);
export const termUnit = pgEnum("term_unit", ["P1M", "P1Y", "P2Y", "P3Y", "P4Y", "P5Y"]);
export const sandboxType = pgEnum("sandbox_type", ["None", "Csp"]);
export const sessionMode = pgEnum("session_mode", ["None", "DryRun"]);

// The portal's own vocabulary.
export const pricingModel = pgEnum("pricing_model", ["flat_rate", "per_user"]);
export const activationMode = pgEnum("activation_mode", ["instant", "staff_approved"]);
/** Where the portal is with its own side of a subscription, next to Microsoft's status. */
export const provisioningState = pgEnum("provisioning_state", [
  "new", // resolved, nothing confirmed yet
  "awaiting_approval", // buyer confirmed; staff must approve before activation
  "activating", // the one activate call is claimed and in flight
  "activation_failed", // activate failed transiently; retryable
  "active", // provisioned and Subscribed
  "suspended", // access restricted, data kept
  "deprovisioned", // Unsubscribed: access removed, data kept for at least 7 days
]);
export const inboxState = pgEnum("inbox_state", ["received", "processing", "processed", "ignored", "failed", "dead_letter"]);
export const actorType = pgEnum("actor_type", ["user", "staff", "system", "marketplace"]);
