import { describe, expect, it } from "vitest";
import type { MarketplaceClientOptions } from "@/lib/marketplace";
import { CLIENT_CALLS } from "@/lib/marketplace/testing/client-calls";
import { clientWith, stubFetch, type RecordedRequest } from "@/lib/marketplace/testing/fetch-stub";
import { SUBSCRIPTION_ID, usageEventInput, wireSubscription } from "@/lib/marketplace/testing/fixtures";
import { findContractOperation, validateRequestAgainstContract, validateResponseAgainstContract } from "marketplace-simulator/contract";

const asContract = (req: RecordedRequest) => ({ method: req.method, url: req.url.toString(), headers: req.headers, body: req.body });

const BASES: [string, Partial<MarketplaceClientOptions>][] = [
  ["Microsoft", {}],
  ["our simulator", { baseUrl: "http://127.0.0.1:3000/api/simulator" }],
  ["Microsoft's emulator", { baseUrl: "http://localhost:3978/api", publisherId: "FourthCoffee" }],
];

describe("client requests match Microsoft's OpenAPI documents", () => {
  describe.each(BASES)("against %s", (_label, overrides) => {
    it.each(CLIENT_CALLS)("$name builds a documented request", async (call) => {
      const { client, calls } = clientWith(stubFetch(call.success), overrides);
      await call.invoke(client);
      expect(calls).toHaveLength(1);
      const req = calls[0]!;
      if (overrides.publisherId) {
        // publisherId is the emulator's own extension; Microsoft's document rejects unknown query parameters.
        expect(req.url.searchParams.get("publisherId")).toBe(overrides.publisherId);
        req.url.searchParams.delete("publisherId");
      }
      expect(findContractOperation(req.method, req.url.toString())?.operationId).toBe(call.operationId);
      expect(validateRequestAgainstContract(asContract(req))).toEqual([]);
    });
  });

  it.each(CLIENT_CALLS)("$name: the test reply is a documented response", async (call) => {
    const { client, calls } = clientWith(stubFetch(call.success));
    await call.invoke(client);
    const req = calls[0]!;
    expect(
      validateResponseAgainstContract({ method: req.method, url: req.url.toString(), status: call.success.status ?? 200, ...call.success }),
    ).toEqual([]);
  });

  it.each(CLIENT_CALLS)("$name: unit tests cover every documented error status", (call) => {
    const documented = findOperationStatuses(call.operationId).filter((s) => !s.startsWith("2"));
    // Metering's 409 is a Duplicate result rather than an error.
    const expected = call.name === "postUsageEvent" ? documented.filter((s) => s !== "409") : documented;
    expect(call.documentedErrors.map(String).sort()).toEqual(expected.sort());
  });

  it("the second page of a listing is documented too", async () => {
    const { client, calls } = clientWith(stubFetch({ status: 200, body: { subscriptions: [wireSubscription] } }));
    await client.listSubscriptionsPage("opaque+token/==");
    expect(validateRequestAgainstContract(asContract(calls[0]!))).toEqual([]);
  });

  it("a caller-supplied correlation ID stays a valid GUID header", async () => {
    const { client, calls } = clientWith(stubFetch({ status: 200, body: wireSubscription }));
    await client.getSubscription(SUBSCRIPTION_ID, { correlationId: crypto.randomUUID() });
    expect(validateRequestAgainstContract(asContract(calls[0]!))).toEqual([]);
  });
});

function findOperationStatuses(operationId: string): string[] {
  const probe: Record<string, [string, string]> = {
    FulfillmentOperations_Resolve: ["POST", "/api/saas/subscriptions/resolve"],
    FulfillmentOperations_ListSubscriptions: ["GET", "/api/saas/subscriptions"],
    FulfillmentOperations_GetSubscription: ["GET", `/api/saas/subscriptions/${SUBSCRIPTION_ID}`],
    FulfillmentOperations_ListAvailablePlans: ["GET", `/api/saas/subscriptions/${SUBSCRIPTION_ID}/listAvailablePlans`],
    FulfillmentOperations_ActivateSubscription: ["POST", `/api/saas/subscriptions/${SUBSCRIPTION_ID}/activate`],
    FulfillmentOperations_UpdateSubscription: ["PATCH", `/api/saas/subscriptions/${SUBSCRIPTION_ID}`],
    FulfillmentOperations_DeleteSubscription: ["DELETE", `/api/saas/subscriptions/${SUBSCRIPTION_ID}`],
    SubscriptionOperations_ListOperations: ["GET", `/api/saas/subscriptions/${SUBSCRIPTION_ID}/operations`],
    SubscriptionOperations_GetOperationStatus: ["GET", `/api/saas/subscriptions/${SUBSCRIPTION_ID}/operations/x`],
    SubscriptionOperations_UpdateOperationStatus: ["PATCH", `/api/saas/subscriptions/${SUBSCRIPTION_ID}/operations/x`],
    MeteringOperations_PostUsageEvent: ["POST", "/api/usageEvent"],
    MeteringOperations_PostBatchUsageEvent: ["POST", "/api/batchUsageEvent"],
    MeteringOperations_GetUsageEvent: ["GET", "/api/usageEvents"],
  };
  const [method, url] = probe[operationId]!;
  const op = findContractOperation(method, url);
  expect(op?.operationId).toBe(operationId);
  return op!.statuses;
}

describe("the contract validator rejects broken requests", () => {
  const base = "https://marketplaceapi.microsoft.com/api";
  const sub = `${base}/saas/subscriptions/${SUBSCRIPTION_ID}`;
  const v = "?api-version=2018-08-31";
  const json = { "content-type": "application/json" };
  const wireEvent = { ...usageEventInput, effectiveStartTime: "2025-03-01T09:00:00Z" };

  it.each([
    ["missing api-version", { method: "GET", url: sub }, /api-version/],
    ["an unsupported api-version", { method: "GET", url: `${sub}?api-version=2020-01-01` }, /allowed values/],
    ["a subscription ID that is not a GUID", { method: "GET", url: `${base}/saas/subscriptions/not-a-guid${v}` }, /uuid/],
    ["resolve without x-ms-marketplace-token", { method: "POST", url: `${base}/saas/subscriptions/resolve${v}` }, /x-ms-marketplace-token/],
    ["a request ID that is not a GUID", { method: "GET", url: `${sub}${v}`, headers: { "x-ms-requestid": "abc" } }, /uuid/],
    ["activate without a body", { method: "POST", url: `${sub}/activate${v}`, headers: json }, /requestBody/],
    [
      "activate with a text quantity",
      { method: "POST", url: `${sub}/activate${v}`, headers: json, body: { planId: "gold", quantity: "5" } },
      /integer/,
    ],
    [
      "an operation status outside Success|Failure",
      { method: "PATCH", url: `${sub}/operations/${SUBSCRIPTION_ID}${v}`, headers: json, body: { status: "Done" } },
      /allowed values/,
    ],
    [
      "a batch whose request is not an array",
      { method: "POST", url: `${base}/batchUsageEvent${v}`, headers: json, body: { request: wireEvent } },
      /array/,
    ],
    ["an empty batch", { method: "POST", url: `${base}/batchUsageEvent${v}`, headers: json, body: { request: [] } }, /fewer than 1/],
    [
      "a batch of 26",
      { method: "POST", url: `${base}/batchUsageEvent${v}`, headers: json, body: { request: Array(26).fill(wireEvent) } },
      /more than 25/,
    ],
    [
      "a usage event with a text quantity",
      { method: "POST", url: `${base}/usageEvent${v}`, headers: json, body: { ...wireEvent, quantity: "5" } },
      /number/,
    ],
    ["an unknown query parameter", { method: "GET", url: `${sub}${v}&publisherId=FourthCoffee` }, /additional properties/],
    ["usage events without usageStartDate", { method: "GET", url: `${base}/usageEvents${v}` }, /usageStartDate/],
    [
      "an unknown reconStatus",
      { method: "GET", url: `${base}/usageEvents${v}&usageStartDate=2025-03-01T00:00:00Z&reconStatus=Maybe` },
      /allowed values/,
    ],
    ["a body on a DELETE", { method: "DELETE", url: `${sub}${v}`, headers: json, body: { reason: "x" } }, /no request body/],
    ["an undocumented route", { method: "GET", url: `${base}/saas/offers${v}` }, /no documented operation/],
    ["an undocumented method", { method: "PUT", url: `${sub}${v}`, headers: json, body: {} }, /no documented operation/],
  ])("rejects %s", (_label, req, pattern) => {
    const errors = validateRequestAgainstContract(req);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join("\n")).toMatch(pattern);
  });

  it("accepts activate without planId: the document marks no field of SubscriberPlan required", () => {
    // The client's types require planId; this pins the document's looseness so a change is noticed.
    expect(validateRequestAgainstContract({ method: "POST", url: `${sub}/activate${v}`, headers: json, body: { quantity: 1 } })).toEqual(
      [],
    );
  });

  it("matches the list path with and without its trailing slash", () => {
    expect(findContractOperation("GET", `${base}/saas/subscriptions/${v}`)?.operationId).toBe("FulfillmentOperations_ListSubscriptions");
    expect(findContractOperation("GET", `${base}/saas/subscriptions${v}`)?.operationId).toBe("FulfillmentOperations_ListSubscriptions");
  });
});
