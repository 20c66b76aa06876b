// Microsoft's wire shapes (SaaS Fulfillment API v2), shared with the webhook sender.

export type TermUnit = "P1M" | "P1Y" | "P2Y" | "P3Y" | "P4Y" | "P5Y";
export type SaasSubscriptionStatus = "PendingFulfillmentStart" | "Subscribed" | "Suspended" | "Unsubscribed";
export type OperationAction = "Subscribe" | "ChangePlan" | "ChangeQuantity" | "Suspend" | "Reinstate" | "Renew" | "Unsubscribe";
export type OperationStatus = "NotStarted" | "InProgress" | "Succeeded" | "Failed" | "Conflict";
export type OperationRequestSource = "Azure" | "Partner";
export type CustomerOperation = "Read" | "Update" | "Delete";

export interface AadIdentifier {
  emailId: string;
  objectId: string;
  tenantId: string;
  puid: string;
}

export interface SubscriptionJson {
  id: string;
  publisherId: string;
  offerId: string;
  name: string;
  saasSubscriptionStatus: SaasSubscriptionStatus;
  beneficiary: AadIdentifier;
  purchaser: AadIdentifier;
  planId: string;
  /** Present only for per-seat plans. */
  quantity?: number;
  /** startDate/endDate only once the subscription has been activated. */
  term: { termUnit: TermUnit; startDate?: string; endDate?: string; chargeDuration?: string };
  autoRenew: boolean;
  isTest: boolean;
  isFreeTrial: boolean;
  allowedCustomerOperations: CustomerOperation[];
  sandboxType: "None" | "Csp";
  sessionMode: "None" | "DryRun";
  created: string;
}

export interface OperationJson {
  id: string;
  activityId: string;
  subscriptionId: string;
  offerId: string;
  publisherId: string;
  planId: string;
  quantity?: number;
  action: OperationAction;
  timeStamp: string;
  status: OperationStatus;
  errorStatusCode?: string;
  errorMessage?: string;
}

export interface WebhookPayload {
  id: string;
  activityId: string;
  publisherId: string;
  offerId: string;
  /** The new plan for ChangePlan; `subscription.planId` still holds the current one. */
  planId: string;
  /** The new quantity for ChangeQuantity; null for flat-rate plans. */
  quantity: number | null;
  subscriptionId: string;
  timeStamp: string;
  action: OperationAction;
  status: "InProgress" | "Succeeded" | "Failed";
  operationRequestSource: OperationRequestSource;
  /** The subscription as it was before this change. */
  subscription: SubscriptionJson;
  purchaseToken: null;
}
