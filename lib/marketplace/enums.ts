// Microsoft's exact strings (SaaS Fulfillment API v2 and Metering API, api-version 2018-08-31).

import { z } from "zod";

/**
 * The one GUID check. Microsoft's IDs (subscriptions, tenants, operations) are GUIDs that are not
 * always RFC 4122 version-conformant, so this is zod's permissive `z.guid()`, not `z.uuid()`, in
 * either case. It lives here, next to Microsoft's other formats, because db/ may import this file.
 */
export const guidSchema = z.guid();
export const isGuid = (value: string): boolean => guidSchema.safeParse(value).success;

/** A known Microsoft value, or any other string Microsoft may add later. */
export type Tolerant<T extends string> = T | (string & {});

/** The one list of subscription statuses: the wire schema, the database enum and the life-cycle table use it. */
export const SAAS_SUBSCRIPTION_STATUSES = ["NotStarted", "PendingFulfillmentStart", "Subscribed", "Suspended", "Unsubscribed"] as const;
export type SaasSubscriptionStatus = (typeof SAAS_SUBSCRIPTION_STATUSES)[number];

export const OPERATION_STATUSES = ["NotStarted", "InProgress", "Succeeded", "Failed", "Conflict"] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

export const OPERATION_ACTIONS = ["Unsubscribe", "ChangePlan", "ChangeQuantity", "Suspend", "Reinstate", "Renew", "Subscribe"] as const;
/** Unknown actions (e.g. "Transfer") are kept as strings so callers can log and skip them. */
export type OperationAction = Tolerant<(typeof OPERATION_ACTIONS)[number]>;

export const TERM_UNITS = ["P1M", "P1Y", "P2Y", "P3Y", "P4Y", "P5Y"] as const;
export type TermUnit = Tolerant<(typeof TERM_UNITS)[number]>;

export const USAGE_EVENT_STATUSES = [
  "Accepted",
  "Expired",
  "Duplicate",
  "Error",
  "ResourceNotFound",
  "ResourceNotAuthorized",
  "ResourceNotActive",
  "InvalidDimension",
  "InvalidQuantity",
  "BadArgument",
] as const;
export type UsageEventStatus = Tolerant<(typeof USAGE_EVENT_STATUSES)[number]>;

// The spec lists the first four; Partner Center also reports TestHeaders and DryRun.
export const RECON_STATUSES = ["Submitted", "Accepted", "Rejected", "Mismatch", "TestHeaders", "DryRun"] as const;
export type ReconStatus = Tolerant<(typeof RECON_STATUSES)[number]>;
