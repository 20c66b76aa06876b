import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  OPERATION_ID,
  SUBSCRIPTION_ID,
  operationLocation,
  wireOperation,
  wireSubscription,
  wireUsageDuplicate,
} from "@/lib/marketplace/testing/fixtures";
import { CONTRACT_DOCUMENTS, contractDir, findContractOperation, validateResponseAgainstContract } from "marketplace-simulator/contract";

const base = "http://127.0.0.1:3000/api/simulator";
const sub = `${base}/saas/subscriptions/${SUBSCRIPTION_ID}?api-version=2018-08-31`;

describe("validateResponseAgainstContract", () => {
  it("accepts documented responses, given as objects or JSON text", () => {
    expect(validateResponseAgainstContract({ method: "GET", url: sub, status: 200, body: wireSubscription })).toEqual([]);
    expect(validateResponseAgainstContract({ method: "GET", url: sub, status: 200, body: JSON.stringify(wireSubscription) })).toEqual([]);
    expect(
      validateResponseAgainstContract({
        method: "PATCH",
        url: sub,
        status: 202,
        headers: new Headers({ "Operation-Location": operationLocation() }),
      }),
    ).toEqual([]);
    expect(
      validateResponseAgainstContract({
        method: "POST",
        url: `${base}/usageEvent?api-version=2018-08-31`,
        status: 409,
        body: wireUsageDuplicate,
      }),
    ).toEqual([]);
  });

  it("accepts any body on a documented error status without a schema", () => {
    expect(
      validateResponseAgainstContract({ method: "GET", url: sub, status: 404, body: { code: "EntityNotFound", message: "x" } }),
    ).toEqual([]);
  });

  it.each([
    [
      "an unknown subscription status",
      { method: "GET", url: sub, status: 200, body: { ...wireSubscription, saasSubscriptionStatus: "Frozen" } },
      /allowed values/,
    ],
    ["a text quantity", { method: "GET", url: sub, status: 200, body: { ...wireSubscription, quantity: "20" } }, /integer/],
    ["a subscription ID that is not a GUID", { method: "GET", url: sub, status: 200, body: { ...wireSubscription, id: "abc" } }, /uuid/],
    ["a status the operation does not document", { method: "GET", url: sub, status: 418, body: {} }, /does not document status 418/],
    ["a missing body where one is documented", { method: "GET", url: sub, status: 200 }, /none was sent/],
    ["a body that is not JSON", { method: "GET", url: sub, status: 200, body: "<html>" }, /not valid JSON/],
    [
      "an Operation-Location that is not a URI",
      { method: "DELETE", url: sub, status: 202, headers: { "operation-location": "not a uri" } },
      /uri/,
    ],
    [
      "the emulator's bare-array operations list",
      {
        method: "GET",
        url: `${base}/saas/subscriptions/${SUBSCRIPTION_ID}/operations?api-version=2018-08-31`,
        status: 200,
        body: [wireOperation],
      },
      /must be object/,
    ],
    [
      "an operation without a documented action",
      {
        method: "GET",
        url: `${base}/saas/subscriptions/${SUBSCRIPTION_ID}/operations/${OPERATION_ID}?api-version=2018-08-31`,
        status: 200,
        body: { ...wireOperation, action: "Transfer" },
      },
      /allowed values/,
    ],
    [
      "a response on an undocumented route",
      { method: "GET", url: `${base}/saas/offers`, status: 200, body: {} },
      /no documented operation/,
    ],
  ])("rejects %s", (_label, res, pattern) => {
    const errors = validateResponseAgainstContract(res);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join("\n")).toMatch(pattern);
  });
});

describe("the vendored OpenAPI documents", () => {
  it("are both in the simulator package, with their licence and source", () => {
    for (const file of [...CONTRACT_DOCUMENTS, "LICENSE", "SOURCE.md"]) expect(existsSync(path.join(contractDir, file)), file).toBe(true);
    expect(contractDir).toMatch(/packages\/marketplace-simulator\/openapi\/?$/);
    // One operation from each document: a missing or unreadable file throws here instead of skipping.
    expect(findContractOperation("POST", `${base}/saas/subscriptions/resolve?api-version=2018-08-31`)?.operationId).toBe(
      "FulfillmentOperations_Resolve",
    );
    expect(findContractOperation("POST", `${base}/usageEvent?api-version=2018-08-31`)?.operationId).toBe(
      "MeteringOperations_PostUsageEvent",
    );
  });
});
