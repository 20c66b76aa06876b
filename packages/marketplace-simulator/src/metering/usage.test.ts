import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabases } from "@/test/db";
import { alex, buy, startHarness, travel, V, type SimHarness } from "../testing/harness";

const HOUR = 3600_000;

describe.each(testDatabases("one"))("metering on %s", (kind) => {
  let h: SimHarness;
  let sub: string;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => {
    await h.reset();
    sub = (await buy(h, { offerId: "contoso-analytics", planId: "professional", purchaser: alex, autoActivate: true })).subscriptionId;
  });

  const hourAgo = (n: number) => new Date(Math.floor(Date.now() / HOUR) * HOUR - n * HOUR + 5 * 60_000).toISOString();
  const event = (over: Record<string, unknown> = {}) => ({
    resourceId: sub,
    quantity: 12.5,
    dimension: "api-calls",
    effectiveStartTime: hourAgo(1),
    planId: "professional",
    ...over,
  });
  const post = (body: unknown) => h.call("POST", `/usageEvent?${V}`, { body });
  const batch = (request: unknown[]) => h.call("POST", `/batchUsageEvent?${V}`, { body: { request } });

  it("accepts one event per resource, dimension and hour; the next is a 409 duplicate", async () => {
    const first = await post(event());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: "Accepted",
      resourceId: sub,
      quantity: 12.5,
      dimension: "api-calls",
      planId: "professional",
    });
    const sameHour = new Date(new Date(event().effectiveStartTime).getTime() + 30 * 60_000).toISOString();
    const dup = await post(event({ quantity: 3, effectiveStartTime: sameHour }));
    expect(dup.status).toBe(409);
    expect(dup.body).toEqual({
      additionalInfo: { acceptedMessage: { ...first.body, status: "Duplicate" } },
      message: "This usage event already exist.",
      code: "Conflict",
    });
    expect((await post(event({ dimension: "storage-gb" }))).status).toBe(200);
    expect((await post(event({ effectiveStartTime: hourAgo(2) }))).status).toBe(200);
    expect((await h.call("GET", `/_sim/subscriptions/${sub}`)).body.apiCalls.usageEvent).toBe(4);
  });

  it("refuses usage older than 24 hours, in the future, or not above zero", async () => {
    const expired = await post(event({ effectiveStartTime: new Date(Date.now() - 24 * HOUR - 60_000).toISOString() }));
    expect(expired.status).toBe(400);
    expect(expired.body).toMatchObject({ code: "BadArgument", target: "usageEventRequest", details: [{ code: "Expired" }] });
    expect((await post(event({ effectiveStartTime: new Date(Date.now() + HOUR).toISOString() }))).status).toBe(400);
    expect((await post(event({ quantity: 0 }))).body.details[0].code).toBe("InvalidQuantity");
    expect((await post(event({ quantity: -1 }))).body.details[0].code).toBe("InvalidQuantity");
  });

  it("refuses unknown dimensions, other plans and malformed events", async () => {
    expect((await post(event({ dimension: "gpu-hours" }))).body.details[0].code).toBe("InvalidDimension");
    expect((await post(event({ planId: "enterprise" }))).body.details[0].code).toBe("BadArgument");
    expect((await post(event({ resourceId: "nope" }))).status).toBe(400);
    expect((await post(event({ resourceUri: "/subscriptions/x" }))).status).toBe(400);
    expect((await post(event({ effectiveStartTime: "yesterday" }))).status).toBe(400);
    expect((await post(event({ resourceId: "0b0e0000-0000-4000-8000-000000000000" }))).body.details[0].code).toBe("ResourceNotFound");
  });

  it("meters only Subscribed resources, and hours before a cancellation", async () => {
    const pending = (await buy(h, { offerId: "contoso-analytics", planId: "professional", purchaser: alex })).subscriptionId;
    expect((await post(event({ resourceId: pending }))).body.details[0].code).toBe("ResourceNotActive");
    await h.call("POST", `/_sim/subscriptions/${sub}/suspend`);
    expect((await post(event())).body.details[0].code).toBe("ResourceNotActive");
    await h.call("POST", `/_sim/subscriptions/${sub}/unsubscribe`);
    expect((await post(event({ effectiveStartTime: hourAgo(2) }))).status).toBe(200);
    expect((await post(event({ effectiveStartTime: new Date().toISOString() }))).body.details[0].code).toBe("ResourceNotActive");
  });

  it("takes batches of 1 to 25 with a result per event", async () => {
    expect((await batch([])).status).toBe(400);
    expect((await batch(Array.from({ length: 26 }, (_, i) => event({ effectiveStartTime: hourAgo(i % 20) })))).status).toBe(400);
    expect((await h.call("POST", `/batchUsageEvent?${V}`, { body: { events: [] } })).status).toBe(400);
    const res = await batch([
      event(),
      event({ quantity: 2 }),
      event({ dimension: "gpu-hours" }),
      event({ quantity: 0 }),
      event({ effectiveStartTime: hourAgo(30) }),
      event({ effectiveStartTime: hourAgo(3) }),
      event({ resourceId: "0b0e0000-0000-4000-8000-000000000000" }),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(7);
    expect(res.body.result.map((r: { status: string }) => r.status)).toEqual([
      "Accepted",
      "Duplicate",
      "InvalidDimension",
      "InvalidQuantity",
      "Expired",
      "Accepted",
      "ResourceNotFound",
    ]);
    expect(res.body.result[1].error).toMatchObject({
      code: "Conflict",
      additionalInfo: { acceptedMessage: { usageEventId: res.body.result[0].usageEventId } },
    });
    expect(res.body.result[2].error).toMatchObject({ code: "InvalidDimension" });
    const full = await batch(
      Array.from({ length: 25 }, (_, i) => event({ effectiveStartTime: hourAgo(i % 20), dimension: i < 20 ? "storage-gb" : "api-calls" })),
    );
    expect(full.body.count).toBe(25);
  });

  it("answers a repeated batch with duplicates of the events first accepted, and counts one call per resource", async () => {
    const events = [event(), event({ dimension: "storage-gb" }), event({ effectiveStartTime: hourAgo(2) })];
    const first = await batch(events);
    expect(first.body.result.map((r: { status: string }) => r.status)).toEqual(["Accepted", "Accepted", "Accepted"]);
    const again = await batch([...events, event({ effectiveStartTime: hourAgo(4) })]);
    expect(again.body.result.map((r: { status: string }) => r.status)).toEqual(["Duplicate", "Duplicate", "Duplicate", "Accepted"]);
    for (const [i, r] of first.body.result.entries())
      expect(again.body.result[i].error.additionalInfo.acceptedMessage).toEqual({ ...r, status: "Duplicate" });
    expect((await h.call("GET", `/_sim/subscriptions/${sub}`)).body.apiCalls.batchUsageEvent).toBe(2);
  });

  it("reads usage back per day, honouring usageStartDate, UsageEndDate and filters", async () => {
    // Noon tomorrow (UTC), so every hour used below falls on the same calendar day.
    const noon = new Date(Date.now() + 86400_000);
    noon.setUTCHours(12, 30, 0, 0);
    travel(noon.getTime() - Date.now());
    const today = noon.toISOString().slice(0, 10);
    expect((await post(event({ effectiveStartTime: `${today}T12:10:00Z`, quantity: 5 }))).status).toBe(200);
    expect((await post(event({ effectiveStartTime: `${today}T11:10:00Z`, quantity: 7 }))).status).toBe(200);
    expect((await post(event({ effectiveStartTime: `${today}T03:00:00Z`, dimension: "storage-gb", quantity: 1.5 }))).status).toBe(200);
    const get = (q: string) => h.call("GET", `/usageEvents?${V}&${q}`);
    const all = await get(`usageStartDate=${today}`);
    expect(all.status).toBe(200);
    expect(all.body).toHaveLength(2);
    expect(all.body.find((r: { dimension: string }) => r.dimension === "api-calls")).toEqual({
      usageDate: `${today}T00:00:00.000Z`,
      usageResourceId: sub,
      dimension: "api-calls",
      planId: "professional",
      planName: "Professional",
      offerId: "contoso-analytics",
      offerName: "Contoso Analytics",
      offerType: "SaaS",
      azureSubscriptionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      reconStatus: "Submitted",
      submittedQuantity: 12,
      processedQuantity: 0,
      submittedCount: 2,
    });
    // UsageEndDate, with Microsoft's capital U, leaves out later hours.
    const early = await get(`usageStartDate=${today}&UsageEndDate=${today}T11:59`);
    expect(early.body.map((r: { dimension: string; submittedQuantity: number }) => [r.dimension, r.submittedQuantity]).sort()).toEqual([
      ["api-calls", 7],
      ["storage-gb", 1.5],
    ]);
    expect((await get(`usageStartDate=${today}T04:00`)).body.map((r: { dimension: string }) => r.dimension)).toEqual(["api-calls"]);
    expect((await get(`usageStartDate=${today}&dimension=storage-gb`)).body).toHaveLength(1);
    expect((await get(`usageStartDate=${today}&planId=starter`)).body).toEqual([]);
    expect((await get(`usageStartDate=${today}&offerId=contoso-teamwork`)).body).toEqual([]);
    const azure = all.body[0].azureSubscriptionId as string;
    expect((await get(`usageStartDate=${today}&azureSubscriptionId=${azure}`)).body).toHaveLength(2);
    expect((await get(`usageStartDate=${today}&azureSubscriptionId=0b0e0000-0000-4000-8000-000000000000`)).body).toEqual([]);
    expect((await get(`usageStartDate=${today}&reconStatus=Accepted`)).body).toEqual([]);
    expect((await get(`usageStartDate=2020-01-01&UsageEndDate=2020-01-31`)).body).toEqual([]);
  });

  it("reports earlier days as reconciled", async () => {
    await post(event({ effectiveStartTime: hourAgo(20), quantity: 4 }));
    travel(3 * 86400_000);
    const start = new Date(Date.now() - 5 * 86400_000).toISOString().slice(0, 10);
    const res = await h.call("GET", `/usageEvents?${V}&usageStartDate=${start}`);
    expect(res.body).toEqual([
      expect.objectContaining({ reconStatus: "Accepted", submittedQuantity: 4, processedQuantity: 4, submittedCount: 1 }),
    ]);
  });

  it("requires usageStartDate and valid dates", async () => {
    expect((await h.call("GET", `/usageEvents?${V}`)).status).toBe(400);
    expect((await h.call("GET", `/usageEvents?${V}&usageStartDate=soon`)).status).toBe(400);
    expect((await h.call("GET", `/usageEvents?${V}&usageStartDate=2024-01-02&UsageEndDate=2024-01-01`)).status).toBe(400);
    expect((await h.call("GET", `/usageEvents?${V}&usageStartDate=2024-01-02&reconStatus=Lost`)).status).toBe(400);
  });
});
