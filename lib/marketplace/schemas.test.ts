import { describe, expect, it } from "vitest";
import {
  batchUsageResultSchema,
  operationListSchema,
  operationSchema,
  planListSchema,
  resolvedSubscriptionSchema,
  subscriptionSchema,
  subscriptionsPageSchema,
  usageEventRecordListSchema,
} from "./schemas";
import { lenientNumber } from "./schema-primitives";
import { wireBatchResult, wireOperation, wirePlan, wireResolved, wireSubscription, wireUsageRecords } from "./testing/fixtures";

describe("subscription schema", () => {
  it("reshapes a documented subscription into our type", () => {
    const sub = subscriptionSchema.parse(wireSubscription);
    expect(sub).toMatchObject({
      id: wireSubscription.id,
      name: "Contoso for Fabrikam",
      status: "Subscribed",
      planId: "gold",
      quantity: 10,
      isFreeTrial: false,
      term: { termUnit: "P1M", startDate: "2025-01-01T00:00:00Z" },
      beneficiary: { email: "buyer@contoso.com", tenantId: wireSubscription.beneficiary.tenantId },
      allowedCustomerOperations: ["Read", "Update", "Delete"],
    });
  });

  it.each([
    ["", undefined],
    ["20", 20],
    [" 7 ", 7],
    [null, undefined],
    [undefined, undefined],
    [3, 3],
  ])("reads quantity %j as %j", (quantity, expected) => {
    expect(subscriptionSchema.parse({ ...wireSubscription, quantity }).quantity).toBe(expected);
  });

  it("rejects a quantity that is not a number", () => {
    expect(subscriptionSchema.safeParse({ ...wireSubscription, quantity: "many" }).success).toBe(false);
  });

  it("defaults missing isFreeTrial/isTest to false and keeps unknown fields out of our shape", () => {
    const { isFreeTrial: _f, isTest: _t, ...rest } = wireSubscription;
    const sub = subscriptionSchema.parse({ ...rest, lastModified: "0001-01-01T00:00:00", brandNewField: { x: 1 } });
    expect(sub.isFreeTrial).toBe(false);
    expect(sub.isTest).toBe(false);
    expect(sub).not.toHaveProperty("brandNewField");
  });

  it("accepts a pending subscription without term dates, null puid and null chargeDuration", () => {
    const sub = subscriptionSchema.parse({
      ...wireSubscription,
      saasSubscriptionStatus: "PendingFulfillmentStart",
      term: { termUnit: "P1Y", chargeDuration: null },
      purchaser: { ...wireSubscription.purchaser, puid: null },
    });
    expect(sub.term).toEqual({ termUnit: "P1Y", startDate: undefined, endDate: undefined, chargeDuration: undefined });
    expect(sub.purchaser?.puid).toBeUndefined();
  });

  it("keeps an unknown term unit", () => {
    expect(subscriptionSchema.parse({ ...wireSubscription, term: { termUnit: "P6Y" } }).term?.termUnit).toBe("P6Y");
  });

  it("rejects an unknown subscription status", () => {
    expect(subscriptionSchema.safeParse({ ...wireSubscription, saasSubscriptionStatus: "Frozen" }).success).toBe(false);
  });
});

describe("resolve schema", () => {
  it("maps id to subscriptionId and parses the embedded subscription", () => {
    const resolved = resolvedSubscriptionSchema.parse({ ...wireResolved, quantity: "" });
    expect(resolved.subscriptionId).toBe(wireResolved.id);
    expect(resolved.quantity).toBeUndefined();
    expect(resolved.subscription?.status).toBe("Subscribed");
  });
});

describe("subscriptions page schema", () => {
  it.each([undefined, null, "", {}])("reads an empty list from %j", (body) => {
    expect(subscriptionsPageSchema.parse(body)).toEqual({ subscriptions: [], nextLink: undefined });
  });

  it("reads @nextLink and treats an empty one as the last page", () => {
    expect(subscriptionsPageSchema.parse({ subscriptions: [wireSubscription], "@nextLink": "https://x/y" }).nextLink).toBe("https://x/y");
    expect(subscriptionsPageSchema.parse({ subscriptions: [], "@nextLink": "" }).nextLink).toBeUndefined();
  });
});

describe("plan schema", () => {
  it("flattens planComponents and keeps sourceOffers", () => {
    const [plan] = planListSchema.parse({ plans: [wirePlan] });
    expect(plan).toMatchObject({
      planId: "gold",
      isPricePerSeat: true,
      minQuantity: 1,
      recurrentBillingTerms: [{ price: 9.99, termUnit: "P1M", meteredQuantityIncluded: [{ dimensionId: "emails", units: "1000" }] }],
      meteringDimensions: [{ id: "emails", pricePerUnit: 0.01 }],
      sourceOffers: [{ externalId: wirePlan.sourceOffers[0]!.externalId }],
    });
  });

  it("tolerates a sparse plan, a bare array and an empty body", () => {
    expect(planListSchema.parse([{ planId: "basic" }])[0]).toMatchObject({
      displayName: "basic",
      isPrivate: false,
      recurrentBillingTerms: [],
      sourceOffers: [],
    });
    expect(planListSchema.parse(undefined)).toEqual([]);
    expect(planListSchema.parse({})).toEqual([]);
  });
});

describe("operation schemas", () => {
  it("keeps an unknown action such as Transfer", () => {
    expect(operationSchema.parse({ ...wireOperation, action: "Transfer" }).action).toBe("Transfer");
  });

  it("accepts the Subscribe action and numeric errorStatusCode", () => {
    const op = operationSchema.parse({ ...wireOperation, action: "Subscribe", errorStatusCode: 400, quantity: null });
    expect(op).toMatchObject({ action: "Subscribe", errorStatusCode: "400", quantity: undefined });
  });

  it.each([
    ["{operations:[...]}", { operations: [wireOperation] }, 1],
    ["a bare array (emulator)", [wireOperation], 1],
    ["{}", {}, 0],
    ["an empty body", undefined, 0],
    ["{operations:null}", { operations: null }, 0],
  ])("reads the list from %s", (_label, body, count) => {
    expect(operationListSchema.parse(body)).toHaveLength(count);
  });

  it("rejects an unknown operation status", () => {
    expect(operationSchema.safeParse({ ...wireOperation, status: "Paused" }).success).toBe(false);
  });
});

describe("metering schemas", () => {
  it("reads per-item batch results with errors", () => {
    const batch = batchUsageResultSchema.parse(wireBatchResult);
    expect(batch.count).toBe(2);
    expect(batch.results[1]).toMatchObject({ status: "Expired", error: { code: "Expired" } });
    expect(batch.results[0]).not.toHaveProperty("error");
  });

  it("derives count when missing and keeps unknown statuses", () => {
    const batch = batchUsageResultSchema.parse({ result: [{ status: "SomethingNew", messageTime: "0001-01-01T00:00:00" }] });
    expect(batch.count).toBe(1);
    expect(batch.results[0]?.status).toBe("SomethingNew");
  });

  it("reads usage records and an empty body", () => {
    expect(usageEventRecordListSchema.parse(wireUsageRecords)[0]).toMatchObject({ reconStatus: "Accepted", submittedQuantity: 17 });
    expect(usageEventRecordListSchema.parse(undefined)).toEqual([]);
  });
});

describe("lenientNumber", () => {
  it("rejects booleans and objects", () => {
    expect(lenientNumber.safeParse(true).success).toBe(false);
    expect(lenientNumber.safeParse({}).success).toBe(false);
  });
});
