import { describe, expect, it } from "vitest";
import { OPERATION_ID, SUBSCRIPTION_ID, operationLocation, wireOperation, wireSubscription, wireUsageDuplicate } from "@/lib/marketplace/testing/fixtures";
import { contractAvailable, contractDir, validateResponseAgainstContract } from "./openapi";

if (!contractAvailable) {
  console.warn(`Skipping marketplace response contract tests: OpenAPI documents not found in ${contractDir}`);
}

const base = "http://127.0.0.1:3000/api/simulator";
const sub = `${base}/saas/subscriptions/${SUBSCRIPTION_ID}?api-version=2018-08-31`;

describe.skipIf(!contractAvailable)("validateResponseAgainstContract", () => {
  it("accepts documented responses, given as objects or JSON text", () => {
    expect(validateResponseAgainstContract({ method: "GET", url: sub, status: 200, body: wireSubscription })).toEqual([]);
    expect(validateResponseAgainstContract({ method: "GET", url: sub, status: 200, body: JSON.stringify(wireSubscription) })).toEqual([]);
    expect(
      validateResponseAgainstContract({ method: "PATCH", url: sub, status: 202, headers: new Headers({ "Operation-Location": operationLocation() }) }),
    ).toEqual([]);
    expect(validateResponseAgainstContract({ method: "POST", url: `${base}/usageEvent?api-version=2018-08-31`, status: 409, body: wireUsageDuplicate })).toEqual([]);
  });

  it("accepts any body on a documented error status without a schema", () => {
    expect(validateResponseAgainstContract({ method: "GET", url: sub, status: 404, body: { code: "EntityNotFound", message: "x" } })).toEqual([]);
  });

  it.each([
    ["an unknown subscription status", { method: "GET", url: sub, status: 200, body: { ...wireSubscription, saasSubscriptionStatus: "Frozen" } }, /allowed values/],
    ["a text quantity", { method: "GET", url: sub, status: 200, body: { ...wireSubscription, quantity: "20" } }, /integer/],
    ["a subscription ID that is not a GUID", { method: "GET", url: sub, status: 200, body: { ...wireSubscription, id: "abc" } }, /uuid/],
    ["a status the operation does not document", { method: "GET", url: sub, status: 418, body: {} }, /does not document status 418/],
    ["a missing body where one is documented", { method: "GET", url: sub, status: 200 }, /none was sent/],
    ["a body that is not JSON", { method: "GET", url: sub, status: 200, body: "<html>" }, /not valid JSON/],
    ["an Operation-Location that is not a URI", { method: "DELETE", url: sub, status: 202, headers: { "operation-location": "not a uri" } }, /uri/],
    [
      "the emulator's bare-array operations list",
      { method: "GET", url: `${base}/saas/subscriptions/${SUBSCRIPTION_ID}/operations?api-version=2018-08-31`, status: 200, body: [wireOperation] },
      /must be object/,
    ],
    [
      "an operation without a documented action",
      { method: "GET", url: `${base}/saas/subscriptions/${SUBSCRIPTION_ID}/operations/${OPERATION_ID}?api-version=2018-08-31`, status: 200, body: { ...wireOperation, action: "Transfer" } },
      /allowed values/,
    ],
    ["a response on an undocumented route", { method: "GET", url: `${base}/saas/offers`, status: 200, body: {} }, /no documented operation/],
  ])("rejects %s", (_label, res, pattern) => {
    const errors = validateResponseAgainstContract(res);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join("\n")).toMatch(pattern);
  });
});
