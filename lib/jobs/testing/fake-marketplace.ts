import { randomUUID } from "node:crypto";
import {
  MarketplaceApiError,
  operationSchema,
  subscriptionSchema,
  type MarketplaceOperation,
  type MarketplaceSubscription,
} from "@/lib/marketplace";
import type { OperationsClient } from "@/lib/subscriptions/process-notification";

type WireSubscription = Record<string, unknown> & { id: string; planId: string; saasSubscriptionStatus: string; quantity?: number };
type WireOperation = Record<string, unknown> & {
  id: string;
  subscriptionId: string;
  action: string;
  status: string;
  planId?: string;
  quantity?: number;
};

export const FAKE_OFFER = "contoso-analytics";

/**
 * Microsoft's side for worker tests, in memory: subscriptions and operations in wire shape,
 * read back through the client's own zod schemas. `failures` makes the next calls fail with 503.
 */
export class FakeMarketplace implements OperationsClient {
  readonly subscriptions = new Map<string, WireSubscription>();
  readonly operations = new Map<string, WireOperation>();
  readonly calls: string[] = [];
  failures = 0;
  /** Pending changes that PATCH Success applies, keyed by operation ID. */
  private readonly pendingEffects = new Map<string, () => void>();

  addSubscription(overrides: Partial<WireSubscription> = {}): WireSubscription {
    const id = overrides.id ?? randomUUID();
    const sub: WireSubscription = {
      id,
      name: "Contoso analytics for Fabrikam",
      publisherId: "contoso-isv",
      offerId: FAKE_OFFER,
      planId: "silver",
      saasSubscriptionStatus: "Subscribed",
      beneficiary: { emailId: "kim@fabrikam.example", objectId: randomUUID(), tenantId: randomUUID(), puid: "10030000A1B2C3D4" },
      purchaser: { emailId: "kim@fabrikam.example", objectId: randomUUID(), tenantId: randomUUID(), puid: "10030000A1B2C3D4" },
      term: { termUnit: "P1M", startDate: "2026-11-01T00:00:00Z", endDate: "2026-11-30T00:00:00Z" },
      autoRenew: true,
      isTest: false,
      allowedCustomerOperations: ["Read", "Update", "Delete"],
      sandboxType: "None",
      sessionMode: "None",
      created: "2026-11-01T08:00:00Z",
      ...overrides,
    };
    this.subscriptions.set(id, sub);
    return sub;
  }

  /**
   * Records an operation as Microsoft would and returns the webhook body for it. `effect`
   * changes the subscription now for Succeeded operations, or on PATCH Success for pending ones.
   */
  operation(
    subscriptionId: string,
    action: string,
    opts: {
      status?: string;
      planId?: string;
      quantity?: number;
      timeStamp?: string;
      source?: "Azure" | "Partner";
      effect?: (s: WireSubscription) => void;
      id?: string;
    } = {},
  ): Record<string, unknown> {
    const sub = this.subscriptions.get(subscriptionId);
    const before = sub ? structuredClone(sub) : undefined;
    const op: WireOperation = {
      id: opts.id ?? randomUUID(),
      activityId: randomUUID(),
      subscriptionId,
      offerId: FAKE_OFFER,
      publisherId: "contoso-isv",
      planId: opts.planId ?? sub?.planId,
      quantity: opts.quantity ?? sub?.quantity,
      action,
      timeStamp: opts.timeStamp ?? new Date().toISOString(),
      status: opts.status ?? "Succeeded",
    };
    this.operations.set(op.id, op);
    const apply = () => sub && opts.effect?.(sub);
    if (op.status === "Succeeded") apply();
    else this.pendingEffects.set(op.id, apply);
    return { ...op, operationRequestSource: opts.source ?? "Azure", subscription: before, purchaseToken: null };
  }

  /** Completes a pending operation as Microsoft does after its 10-second window. */
  complete(operationId: string, status: "Succeeded" | "Failed" = "Succeeded") {
    const op = this.operations.get(operationId);
    if (!op) throw new Error(`no operation ${operationId}`);
    op.status = status;
    if (status === "Succeeded") this.pendingEffects.get(operationId)?.();
    this.pendingEffects.delete(operationId);
  }

  private maybeFail(operation: string) {
    this.calls.push(operation);
    if (this.failures > 0) {
      this.failures--;
      throw new MarketplaceApiError({ status: 503, code: "ServiceUnavailable", message: "try again", operation, retryable: true });
    }
  }

  private notFound(operation: string, what: string): never {
    throw new MarketplaceApiError({ status: 404, code: "EntityNotFound", message: `${what} not found`, operation, retryable: false });
  }

  async getOperation(subscriptionId: string, operationId: string): Promise<MarketplaceOperation> {
    this.maybeFail("getOperation");
    const op = this.operations.get(operationId);
    if (!op || op.subscriptionId !== subscriptionId) this.notFound("getOperation", "operation");
    return operationSchema.parse(structuredClone(op));
  }

  async getSubscription(subscriptionId: string): Promise<MarketplaceSubscription> {
    this.maybeFail("getSubscription");
    const sub = this.subscriptions.get(subscriptionId);
    if (!sub) this.notFound("getSubscription", "subscription");
    return subscriptionSchema.parse(structuredClone(sub));
  }

  async updateOperation(subscriptionId: string, operationId: string, input: { status: "Success" | "Failure" }): Promise<void> {
    this.maybeFail("updateOperation");
    const op = this.operations.get(operationId);
    if (!op || op.subscriptionId !== subscriptionId) this.notFound("updateOperation", "operation");
    if (op.status !== "InProgress") {
      throw new MarketplaceApiError({
        status: 409,
        code: "Conflict",
        message: "operation is not pending",
        operation: "updateOperation",
        retryable: false,
      });
    }
    this.complete(operationId, input.status === "Success" ? "Succeeded" : "Failed");
  }
}
