import { randomUUID } from "node:crypto";
import type { WebhookPayload } from "../../types";

export interface ReceivedCall {
  authorization: string | null;
  contentType: string | null;
  body: unknown;
}

/** A scripted webhook receiver: answers with the queued statuses, then with `fallbackStatus`. */
export function scriptedReceiver(fallbackStatus = 200) {
  const calls: ReceivedCall[] = [];
  const queue: Array<number | { status: number; body: string }> = [];
  return {
    calls,
    answer(...statuses: Array<number | { status: number; body: string }>) {
      queue.push(...statuses);
    },
    async handle(request: Request): Promise<Response> {
      calls.push({
        authorization: request.headers.get("authorization"),
        contentType: request.headers.get("content-type"),
        body: await request.json(),
      });
      const next = queue.shift() ?? fallbackStatus;
      const { status, body } = typeof next === "number" ? { status: next, body: `answered ${next}` } : next;
      return new Response(body, { status });
    },
  };
}

/** A ChangePlan notification as Microsoft sends it: top-level planId is the new plan. */
export function changePlanPayload(overrides: Partial<WebhookPayload> = {}): WebhookPayload {
  const subscriptionId = overrides.subscriptionId ?? randomUUID();
  return {
    id: randomUUID(),
    activityId: randomUUID(),
    publisherId: "contoso-isv",
    offerId: "contoso-analytics",
    planId: "professional",
    quantity: null,
    subscriptionId,
    timeStamp: "2026-11-24T10:00:00.000Z",
    action: "ChangePlan",
    status: "InProgress",
    operationRequestSource: "Azure",
    subscription: {
      id: subscriptionId,
      publisherId: "contoso-isv",
      offerId: "contoso-analytics",
      name: "Contoso analytics",
      saasSubscriptionStatus: "Subscribed",
      beneficiary: {
        emailId: "alex@contoso.example",
        objectId: "c0a70500-a1e0-4000-8000-000000000011",
        tenantId: "c0a70500-0000-4000-8000-000000000001",
        puid: "10037FFE8000A1E0",
      },
      purchaser: {
        emailId: "alex@contoso.example",
        objectId: "c0a70500-a1e0-4000-8000-000000000011",
        tenantId: "c0a70500-0000-4000-8000-000000000001",
        puid: "10037FFE8000A1E0",
      },
      planId: "starter",
      term: { termUnit: "P1M", startDate: "2026-11-01T00:00:00.000Z", endDate: "2026-11-30T00:00:00.000Z" },
      autoRenew: true,
      isTest: false,
      isFreeTrial: false,
      allowedCustomerOperations: ["Read", "Update", "Delete"],
      sandboxType: "None",
      sessionMode: "None",
      created: "2026-11-01T09:00:00.000Z",
    },
    purchaseToken: null,
    ...overrides,
  };
}
