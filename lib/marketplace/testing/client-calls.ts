import type { MarketplaceClient } from "../client";
import type { ReplySpec } from "./fetch-stub";
import {
  OPERATION_ID,
  SUBSCRIPTION_ID,
  operationLocation,
  usageEventInput,
  wireBatchResult,
  wireOperation,
  wirePlan,
  wireResolved,
  wireSubscription,
  wireUsageAccepted,
  wireUsageRecords,
} from "./fixtures";

/** One client method, a typical successful reply, and the error statuses its OpenAPI path documents. */
export interface ClientCall {
  name: string;
  /** operationId in Microsoft's OpenAPI document. */
  operationId: string;
  invoke(client: MarketplaceClient): Promise<unknown>;
  success: ReplySpec;
  documentedErrors: number[];
  idempotent: boolean;
}

const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

export const CLIENT_CALLS: ClientCall[] = [
  {
    name: "resolve",
    operationId: "FulfillmentOperations_Resolve",
    invoke: (c) => c.resolve("eyJhbGciOi+base64/token=="),
    success: { status: 200, body: wireResolved },
    documentedErrors: [400, 403, 404, 500],
    idempotent: true,
  },
  {
    name: "listSubscriptions",
    operationId: "FulfillmentOperations_ListSubscriptions",
    invoke: (c) => collect(c.listSubscriptions()),
    success: { status: 200, body: { subscriptions: [wireSubscription] } },
    documentedErrors: [403, 500],
    idempotent: true,
  },
  {
    name: "getSubscription",
    operationId: "FulfillmentOperations_GetSubscription",
    invoke: (c) => c.getSubscription(SUBSCRIPTION_ID),
    success: { status: 200, body: wireSubscription },
    documentedErrors: [403, 404, 500],
    idempotent: true,
  },
  {
    name: "listAvailablePlans",
    operationId: "FulfillmentOperations_ListAvailablePlans",
    invoke: (c) => c.listAvailablePlans(SUBSCRIPTION_ID, "gold"),
    success: { status: 200, body: { plans: [wirePlan] } },
    documentedErrors: [403, 404, 500],
    idempotent: true,
  },
  {
    name: "activate",
    operationId: "FulfillmentOperations_ActivateSubscription",
    invoke: (c) => c.activate(SUBSCRIPTION_ID, { planId: "gold", quantity: 10 }),
    success: { status: 200 },
    documentedErrors: [400, 403, 404, 500],
    // Sent once: after a lost reply or a 5xx the service reads the subscription before trying again.
    idempotent: false,
  },
  {
    name: "updatePlan",
    operationId: "FulfillmentOperations_UpdateSubscription",
    invoke: (c) => c.updatePlan(SUBSCRIPTION_ID, "platinum"),
    success: { status: 202, headers: { "operation-location": operationLocation() } },
    documentedErrors: [400, 403, 404, 500],
    idempotent: false,
  },
  {
    name: "updateQuantity",
    operationId: "FulfillmentOperations_UpdateSubscription",
    invoke: (c) => c.updateQuantity(SUBSCRIPTION_ID, 20),
    success: { status: 202, headers: { "operation-location": operationLocation() } },
    documentedErrors: [400, 403, 404, 500],
    idempotent: false,
  },
  {
    name: "deleteSubscription",
    operationId: "FulfillmentOperations_DeleteSubscription",
    invoke: (c) => c.deleteSubscription(SUBSCRIPTION_ID),
    success: { status: 202, headers: { "operation-location": operationLocation() } },
    documentedErrors: [400, 403, 404, 500],
    idempotent: false,
  },
  {
    name: "listOperations",
    operationId: "SubscriptionOperations_ListOperations",
    invoke: (c) => c.listOperations(SUBSCRIPTION_ID),
    success: { status: 200, body: { operations: [wireOperation] } },
    documentedErrors: [400, 403, 404, 500],
    idempotent: true,
  },
  {
    name: "getOperation",
    operationId: "SubscriptionOperations_GetOperationStatus",
    invoke: (c) => c.getOperation(SUBSCRIPTION_ID, OPERATION_ID),
    success: { status: 200, body: wireOperation },
    documentedErrors: [400, 403, 404, 500],
    idempotent: true,
  },
  {
    name: "updateOperation",
    operationId: "SubscriptionOperations_UpdateOperationStatus",
    invoke: (c) => c.updateOperation(SUBSCRIPTION_ID, OPERATION_ID, { status: "Success" }),
    success: { status: 200 },
    documentedErrors: [400, 403, 404, 409, 500],
    idempotent: true,
  },
  {
    name: "postUsageEvent",
    operationId: "MeteringOperations_PostUsageEvent",
    invoke: (c) => c.postUsageEvent(usageEventInput),
    success: { status: 200, body: wireUsageAccepted },
    // 409 is documented too, but it is a result (Duplicate), not an error.
    documentedErrors: [400, 403],
    idempotent: true,
  },
  {
    name: "postBatchUsageEvents",
    operationId: "MeteringOperations_PostBatchUsageEvent",
    invoke: (c) => c.postBatchUsageEvents([usageEventInput, { ...usageEventInput, dimension: "sms" }]),
    success: { status: 200, body: wireBatchResult },
    documentedErrors: [400, 403],
    idempotent: true,
  },
  {
    name: "getUsageEvents",
    operationId: "MeteringOperations_GetUsageEvent",
    invoke: (c) =>
      c.getUsageEvents({
        usageStartDate: new Date("2025-03-01T00:00:00Z"),
        usageEndDate: new Date("2025-03-02T00:00:00Z"),
        offerId: "contoso-saas",
        planId: "gold",
        dimension: "emails",
        azureSubscriptionId: "3c2b1a09-8f7e-4d6c-b5a4-392817160504",
        reconStatus: "Accepted",
      }),
    success: { status: 200, body: wireUsageRecords },
    documentedErrors: [400, 403],
    idempotent: true,
  },
];
