import { invalidResponse, type ApiResponse, type CallOptions, type HttpCore } from "./http";
import { createSubscriptionListing } from "./list-subscriptions";
import { parseStartedOperation, type StartedOperation } from "./operation-location";
import {
  operationListSchema,
  operationSchema,
  planListSchema,
  resolvedSubscriptionSchema,
  subscriptionSchema,
  type MarketplaceOperation,
  type MarketplacePlan,
  type MarketplaceSubscription,
  type ResolvedPurchase,
} from "./schemas";

export interface ActivateInput {
  planId: string;
  quantity?: number;
}

const SUBSCRIPTIONS = "/saas/subscriptions";
const seg = encodeURIComponent;

export function createFulfillmentApi(http: HttpCore) {
  function started(operation: string, res: ApiResponse): StartedOperation {
    const op = parseStartedOperation(res.headers);
    if (!op) throw invalidResponse(operation, res, "202 without Operation-Location or Operation-Id header");
    return op;
  }

  return {
    /** Exchanges the landing-page purchase token (already URL-decoded once) for the subscription. */
    async resolve(marketplaceToken: string, call?: CallOptions): Promise<ResolvedPurchase> {
      const res = await http.send(
        {
          operation: "resolve",
          method: "POST",
          path: `${SUBSCRIPTIONS}/resolve`,
          headers: { "x-ms-marketplace-token": marketplaceToken },
          retry: "idempotent",
        },
        call,
      );
      return http.parse(resolvedSubscriptionSchema, res, "resolve");
    },

    ...createSubscriptionListing(http),

    async getSubscription(subscriptionId: string, call?: CallOptions): Promise<MarketplaceSubscription> {
      const res = await http.send(
        { operation: "getSubscription", method: "GET", path: `${SUBSCRIPTIONS}/${seg(subscriptionId)}`, retry: "idempotent" },
        call,
      );
      return http.parse(subscriptionSchema, res, "getSubscription");
    },

    async listAvailablePlans(subscriptionId: string, planId?: string, call?: CallOptions): Promise<MarketplacePlan[]> {
      const res = await http.send(
        {
          operation: "listAvailablePlans",
          method: "GET",
          path: `${SUBSCRIPTIONS}/${seg(subscriptionId)}/listAvailablePlans`,
          query: { planId },
          retry: "idempotent",
        },
        call,
      );
      return http.parse(planListSchema, res, "listAvailablePlans");
    },

    /**
     * 200 only means the request was received; confirm with getSubscription. Sent once (429 aside): when
     * the reply is lost, the caller reads the subscription before activating again.
     */
    async activate(subscriptionId: string, input: ActivateInput, call?: CallOptions): Promise<void> {
      const body = input.quantity === undefined ? { planId: input.planId } : { planId: input.planId, quantity: input.quantity };
      await http.send(
        { operation: "activate", method: "POST", path: `${SUBSCRIPTIONS}/${seg(subscriptionId)}/activate`, body, retry: "once" },
        call,
      );
    },

    // Microsoft forbids changing plan and quantity in one PATCH, hence two methods.
    async updatePlan(subscriptionId: string, planId: string, call?: CallOptions): Promise<StartedOperation> {
      const res = await http.send(
        { operation: "updatePlan", method: "PATCH", path: `${SUBSCRIPTIONS}/${seg(subscriptionId)}`, body: { planId }, retry: "once" },
        call,
      );
      return started("updatePlan", res);
    },

    async updateQuantity(subscriptionId: string, quantity: number, call?: CallOptions): Promise<StartedOperation> {
      const res = await http.send(
        {
          operation: "updateQuantity",
          method: "PATCH",
          path: `${SUBSCRIPTIONS}/${seg(subscriptionId)}`,
          body: { quantity },
          retry: "once",
        },
        call,
      );
      return started("updateQuantity", res);
    },

    async deleteSubscription(subscriptionId: string, call?: CallOptions): Promise<StartedOperation> {
      const res = await http.send(
        { operation: "deleteSubscription", method: "DELETE", path: `${SUBSCRIPTIONS}/${seg(subscriptionId)}`, retry: "once" },
        call,
      );
      return started("deleteSubscription", res);
    },

    /** Pending (InProgress) operations only. */
    async listOperations(subscriptionId: string, call?: CallOptions): Promise<MarketplaceOperation[]> {
      const res = await http.send(
        { operation: "listOperations", method: "GET", path: `${SUBSCRIPTIONS}/${seg(subscriptionId)}/operations`, retry: "idempotent" },
        call,
      );
      return http.parse(operationListSchema, res, "listOperations");
    },

    async getOperation(subscriptionId: string, operationId: string, call?: CallOptions): Promise<MarketplaceOperation> {
      const res = await http.send(
        {
          operation: "getOperation",
          method: "GET",
          path: `${SUBSCRIPTIONS}/${seg(subscriptionId)}/operations/${seg(operationId)}`,
          retry: "idempotent",
        },
        call,
      );
      return http.parse(operationSchema, res, "getOperation");
    },

    /** ACK or reject a ChangePlan/ChangeQuantity/Reinstate; 409 once the operation is no longer pending. */
    async updateOperation(
      subscriptionId: string,
      operationId: string,
      input: { status: "Success" | "Failure" },
      call?: CallOptions,
    ): Promise<void> {
      await http.send(
        {
          operation: "updateOperation",
          method: "PATCH",
          path: `${SUBSCRIPTIONS}/${seg(subscriptionId)}/operations/${seg(operationId)}`,
          body: { status: input.status },
          retry: "idempotent",
        },
        call,
      );
    },
  };
}
