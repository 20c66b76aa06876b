import { describe, expect, it } from "vitest";
import { MarketplaceApiError } from "./errors";
import {
  SUBSCRIPTION_ID,
  usageEventInput,
  wireBatchResult,
  wireUsageAccepted,
  wireUsageDuplicate,
  wireUsageRecords,
} from "./testing/fixtures";
import { clientWith, stubFetch } from "./testing/fetch-stub";

const wireInput = { ...usageEventInput, effectiveStartTime: "2025-03-01T09:00:00.000Z" };

describe("postUsageEvent", () => {
  it("posts the event with an ISO start time and returns Accepted", async () => {
    const { client, calls } = clientWith(stubFetch({ status: 200, body: wireUsageAccepted }));
    const result = await client.postUsageEvent(usageEventInput);
    expect(calls[0]).toMatchObject({ method: "POST", body: wireInput });
    expect(calls[0]!.url.pathname).toBe("/api/usageEvent");
    expect(result).toEqual({ status: "Accepted", event: expect.objectContaining({ status: "Accepted", quantity: 5 }) });
  });

  it("returns a 409 as Duplicate with the originally accepted event", async () => {
    const { client, calls } = clientWith(stubFetch({ status: 409, body: wireUsageDuplicate }));
    const result = await client.postUsageEvent(usageEventInput);
    expect(calls).toHaveLength(1);
    expect(result.status).toBe("Duplicate");
    expect(result.status === "Duplicate" && result.original).toMatchObject({ usageEventId: wireUsageAccepted.usageEventId });
  });

  it("still reports Duplicate when the 409 body lacks acceptedMessage", async () => {
    const { client } = clientWith(stubFetch({ status: 409, body: { code: "Conflict", message: "exists" } }));
    expect(await client.postUsageEvent(usageEventInput)).toEqual({ status: "Duplicate", original: undefined });
  });

  it("retries after a lost connection; a repeat that already landed comes back as Duplicate", async () => {
    const { client, calls, sleeps } = clientWith(stubFetch(new TypeError("socket hang up"), { status: 409, body: wireUsageDuplicate }));
    const result = await client.postUsageEvent(usageEventInput);
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([100]);
    expect(result.status).toBe("Duplicate");
  });

  it("passes an ISO string start time through and refuses an invalid Date", async () => {
    const { client, calls } = clientWith(stubFetch({ status: 200, body: wireUsageAccepted }));
    await client.postUsageEvent({ ...usageEventInput, effectiveStartTime: "2025-03-01T09:00:00Z" });
    expect((calls[0]!.body as { effectiveStartTime: string }).effectiveStartTime).toBe("2025-03-01T09:00:00Z");
    await expect(client.postUsageEvent({ ...usageEventInput, effectiveStartTime: new Date("nope") })).rejects.toMatchObject({
      code: "InvalidRequest",
    });
    expect(calls).toHaveLength(1);
  });
});

describe("postBatchUsageEvents", () => {
  it("wraps events in {request} and returns per-item results", async () => {
    const { client, calls } = clientWith(stubFetch({ status: 200, body: wireBatchResult }));
    const batch = await client.postBatchUsageEvents([usageEventInput, { ...usageEventInput, dimension: "sms" }]);
    expect(calls[0]!.url.pathname).toBe("/api/batchUsageEvent");
    expect(calls[0]!.body).toEqual({ request: [wireInput, { ...wireInput, dimension: "sms" }] });
    expect(batch.count).toBe(2);
    expect(batch.results.map((r) => r.status)).toEqual(["Accepted", "Expired"]);
  });

  it.each([0, 26])("refuses %i events without calling the API", async (n) => {
    const { client, calls } = clientWith(stubFetch({ status: 200, body: wireBatchResult }));
    const err = await client.postBatchUsageEvents(Array.from({ length: n }, () => usageEventInput)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MarketplaceApiError);
    expect(err).toMatchObject({ status: 0, code: "InvalidRequest", retryable: false, operation: "postBatchUsageEvents" });
    expect(calls).toHaveLength(0);
  });

  it("accepts exactly 25 events", async () => {
    const { client, calls } = clientWith(stubFetch({ status: 200, body: { count: 0, result: [] } }));
    await client.postBatchUsageEvents(Array.from({ length: 25 }, () => usageEventInput));
    expect((calls[0]!.body as { request: unknown[] }).request).toHaveLength(25);
  });
});

describe("getUsageEvents", () => {
  it("sends the filters, spelling UsageEndDate with a capital U", async () => {
    const { client, calls } = clientWith(stubFetch({ status: 200, body: wireUsageRecords }));
    const records = await client.getUsageEvents({
      usageStartDate: new Date("2025-03-01T00:00:00Z"),
      usageEndDate: "2025-03-02",
      dimension: "emails",
      reconStatus: "Accepted",
    });
    const q = calls[0]!.url.searchParams;
    expect(calls[0]!.url.pathname).toBe("/api/usageEvents");
    expect(q.get("usageStartDate")).toBe("2025-03-01T00:00:00.000Z");
    expect(q.get("UsageEndDate")).toBe("2025-03-02");
    expect(q.has("usageEndDate")).toBe(false);
    expect(q.get("dimension")).toBe("emails");
    expect(q.get("reconStatus")).toBe("Accepted");
    expect(q.has("offerId")).toBe(false);
    expect(records[0]).toMatchObject({ usageResourceId: SUBSCRIPTION_ID, reconStatus: "Accepted" });
  });
});
