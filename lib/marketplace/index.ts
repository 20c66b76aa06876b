export { createMarketplaceClient, type MarketplaceClient, type MarketplaceClientOptions } from "./client";
export type { ActivateInput } from "./fulfillment";
export type { SubscriptionsPageResult } from "./list-subscriptions";
export type { UsageEventsQuery } from "./metering";
export type { StartedOperation } from "./operation-location";
export type { CallOptions, MarketplaceLogger } from "./http";
export { API_VERSION } from "./http";
export type { RetryOptions } from "./retry";
export { MarketplaceApiError, isMarketplaceApiError, type ClientErrorCode } from "./errors";
export {
  createMsalTokenProvider,
  MARKETPLACE_API_SCOPE,
  type MsalCredential,
  type MsalTokenProviderOptions,
  type TokenProvider,
} from "./token";
export { decodeLandingToken, readLandingToken } from "./landing-token";
export {
  OPERATION_ACTIONS,
  OPERATION_STATUSES,
  SAAS_SUBSCRIPTION_STATUSES,
  TERM_UNITS,
  USAGE_EVENT_STATUSES,
  operationSchema,
  subscriptionSchema,
  type AadIdentity,
  type BatchUsageResult,
  type BillingTerm,
  type MarketplaceOperation,
  type MarketplacePlan,
  type MarketplaceSubscription,
  type MeteringDimension,
  type OperationAction,
  type OperationStatus,
  type PostUsageEventResult,
  type ReconStatus,
  type ResolvedPurchase,
  type SaasSubscriptionStatus,
  type SubscriptionTerm,
  type TermUnit,
  type UsageEventInput,
  type UsageEventRecord,
  type UsageEventResult,
  type UsageEventStatus,
} from "./schemas";
