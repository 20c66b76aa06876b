import { describe, expect, it, vi } from "vitest";
import { createMarketplaceClient } from "./client";
import { MarketplaceApiError } from "./errors";
import { SUBSCRIPTION_ID, operationLocation, wireSubscription } from "./testing/fixtures";
import { TEST_TOKEN, clientWith, hang, stubFetch } from "./testing/fetch-stub";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ok = { status: 200, body: wireSubscription };

async function caught(promise: Promise<unknown>): Promise<MarketplaceApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MarketplaceApiError);
  return err as MarketplaceApiError;
}

describe("request basics", () => {
  it("sends api-version, bearer token, JSON content type and tracking IDs", async () => {
    const { client, calls } = clientWith(stubFetch(ok));
    await client.getSubscription(SUBSCRIPTION_ID);
    const [req] = calls;
    expect(req!.url.toString()).toBe(
      `https://marketplaceapi.microsoft.com/api/saas/subscriptions/${SUBSCRIPTION_ID}?api-version=2018-08-31`,
    );
    expect(req!.headers).toMatchObject({ authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" });
    expect(req!.headers["x-ms-requestid"]).toMatch(UUID);
    expect(req!.headers["x-ms-correlationid"]).toMatch(UUID);
  });

  it("uses the caller's correlation ID and encodes path parameters", async () => {
    const { client, calls } = clientWith(stubFetch(ok));
    await client.getSubscription("a/b?c", { correlationId: "corr-1" });
    expect(calls[0]!.url.pathname).toBe("/api/saas/subscriptions/a%2Fb%3Fc");
    expect(calls[0]!.headers["x-ms-correlationid"]).toBe("corr-1");
  });

  it("tolerates a trailing slash on the base URL", async () => {
    const { client, calls } = clientWith(stubFetch(ok), { baseUrl: "http://127.0.0.1:3000/api/simulator/" });
    await client.getSubscription(SUBSCRIPTION_ID);
    expect(calls[0]!.url.pathname).toBe(`/api/simulator/saas/subscriptions/${SUBSCRIPTION_ID}`);
  });

  it("emulator mode: publisherId on every call and no Authorization header", async () => {
    const getToken = vi.fn(async () => "never");
    const { client, calls } = clientWith(stubFetch(ok, { status: 200, body: { subscriptions: [] } }), {
      baseUrl: "http://localhost:3978/api",
      publisherId: "FourthCoffee",
      getToken,
    });
    await client.getSubscription(SUBSCRIPTION_ID);
    await client.listSubscriptionsPage("tok");
    for (const req of calls) {
      expect(req.url.searchParams.get("publisherId")).toBe("FourthCoffee");
      expect(req.url.searchParams.get("api-version")).toBe("2018-08-31");
      expect(req.headers).not.toHaveProperty("authorization");
    }
    expect(getToken).not.toHaveBeenCalled();
  });

  it("refuses a client without token source or publisherId, or with a relative base URL", () => {
    expect(() => createMarketplaceClient({ baseUrl: "https://x/api" })).toThrow(TypeError);
    expect(() => createMarketplaceClient({ baseUrl: "/api", getToken: async () => "t" })).toThrow(TypeError);
  });

  it("turns a token failure into a MarketplaceApiError without calling the API", async () => {
    const stub = stubFetch(ok);
    const { client } = clientWith(stub, { getToken: async () => Promise.reject(new Error("AADSTS7000215")) });
    const err = await caught(client.getSubscription(SUBSCRIPTION_ID));
    expect(err).toMatchObject({ code: "TokenUnavailable", status: 0, retryable: false });
    expect(stub.calls).toHaveLength(0);
  });

  it("logs method, path, status, duration and IDs, never the tokens", async () => {
    const logs: unknown[] = [];
    const logger = { info: (o: object) => logs.push(o), warn: (o: object) => logs.push(o) };
    const { client } = clientWith(stubFetch({ status: 500 }, { status: 200, body: { id: SUBSCRIPTION_ID, offerId: "o", planId: "p" } }), {
      logger,
    });
    await client.resolve("secret-purchase-token", { correlationId: "corr-9" });
    expect(logs).toHaveLength(2);
    expect(logs[1]).toMatchObject({
      operation: "resolve",
      method: "POST",
      path: "/saas/subscriptions/resolve",
      status: 200,
      correlationId: "corr-9",
    });
    expect(logs[1]).toHaveProperty("durationMs");
    expect(logs[1]).toHaveProperty("requestId");
    expect(JSON.stringify(logs)).not.toMatch(/secret-purchase-token|test-access-token/);
  });
});

describe("retries", () => {
  it("retries a GET on 500 with jittered exponential backoff, same correlation ID, fresh request IDs", async () => {
    const { client, calls, sleeps } = clientWith(stubFetch({ status: 500 }, { status: 502 }, { status: 503 }, ok));
    await client.getSubscription(SUBSCRIPTION_ID);
    expect(calls).toHaveLength(4);
    expect(sleeps).toEqual([100, 200, 400]);
    expect(new Set(calls.map((c) => c.headers["x-ms-correlationid"])).size).toBe(1);
    expect(new Set(calls.map((c) => c.headers["x-ms-requestid"])).size).toBe(4);
  });

  it("gives up after maxAttempts and reports the last error as retryable", async () => {
    const { client, calls, sleeps } = clientWith(
      stubFetch({ status: 500, body: { error: { code: "InternalServerError", message: "x" } } }),
    );
    const err = await caught(client.getSubscription(SUBSCRIPTION_ID));
    expect(calls).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
    expect(err).toMatchObject({ status: 500, code: "InternalServerError", retryable: true, operation: "getSubscription" });
  });

  it("honours Retry-After in seconds and as an HTTP date on 429", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-01-01T00:00:00Z"));
    try {
      const { client, sleeps } = clientWith(
        stubFetch(
          { status: 429, headers: { "retry-after": "3" } },
          { status: 429, headers: { "retry-after": "Wed, 01 Jan 2025 00:00:05 GMT" } },
          ok,
        ),
      );
      await client.getSubscription(SUBSCRIPTION_ID);
      expect(sleeps).toEqual([3000, 5000]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("honours Retry-After on 503 but caps it at 60 s", async () => {
    const { client, sleeps } = clientWith(stubFetch({ status: 503, headers: { "retry-after": "3600" } }, ok));
    await client.getSubscription(SUBSCRIPTION_ID);
    expect(sleeps).toEqual([60_000]);
  });

  it("retries PATCH subscription on 429, which means not processed", async () => {
    const { client, calls, sleeps } = clientWith(
      stubFetch({ status: 429, headers: { "retry-after": "1" } }, { status: 202, headers: { "operation-location": operationLocation() } }),
    );
    await client.updatePlan(SUBSCRIPTION_ID, "platinum");
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
  });

  it.each([
    ["updatePlan", (c: ReturnType<typeof clientWith>["client"]) => c.updatePlan(SUBSCRIPTION_ID, "p")],
    ["updateQuantity", (c: ReturnType<typeof clientWith>["client"]) => c.updateQuantity(SUBSCRIPTION_ID, 3)],
    ["deleteSubscription", (c: ReturnType<typeof clientWith>["client"]) => c.deleteSubscription(SUBSCRIPTION_ID)],
  ])("never retries %s on 500", async (_name, call) => {
    const { client, calls, sleeps } = clientWith(stubFetch({ status: 500 }, { status: 202 }));
    const err = await caught(call(client));
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(err).toMatchObject({ status: 500, retryable: false });
  });

  it("never retries DELETE after a network error", async () => {
    const { client, calls } = clientWith(stubFetch(new TypeError("fetch failed")));
    const err = await caught(client.deleteSubscription(SUBSCRIPTION_ID));
    expect(calls).toHaveLength(1);
    expect(err).toMatchObject({ status: 0, code: "NetworkError", retryable: false });
  });

  it.each([400, 401, 403, 404, 409])("never retries %i", async (status) => {
    const { client, calls } = clientWith(stubFetch({ status }));
    const err = await caught(client.getSubscription(SUBSCRIPTION_ID));
    expect(calls).toHaveLength(1);
    expect(err).toMatchObject({ status, retryable: false });
  });

  it("retries a network error on an idempotent call", async () => {
    const { client, calls, sleeps } = clientWith(stubFetch(new TypeError("fetch failed"), ok));
    await client.getSubscription(SUBSCRIPTION_ID);
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([100]);
  });

  it("retries a per-attempt timeout on GET and reports Timeout when all attempts hang", async () => {
    const { client, calls, sleeps } = clientWith(stubFetch(hang(), hang(), ok), { timeoutMs: 20 });
    await client.getSubscription(SUBSCRIPTION_ID);
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([100, 200]);

    const again = clientWith(stubFetch(hang()), { timeoutMs: 20, retry: { maxAttempts: 2 } });
    const err = await caught(again.client.getSubscription(SUBSCRIPTION_ID));
    expect(again.calls).toHaveLength(2);
    expect(err).toMatchObject({ status: 0, code: "Timeout", retryable: true });
  });

  it("does not retry a timed-out PATCH subscription", async () => {
    const { client, calls } = clientWith(stubFetch(hang()), { timeoutMs: 20 });
    const err = await caught(client.updateQuantity(SUBSCRIPTION_ID, 5));
    expect(calls).toHaveLength(1);
    expect(err.code).toBe("Timeout");
  });

  it("stops at once when the caller aborts", async () => {
    const controller = new AbortController();
    const stub = stubFetch(hang());
    const { client, sleeps } = clientWith(stub, { timeoutMs: 5_000 });
    const pending = client.getSubscription(SUBSCRIPTION_ID, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    const err = await caught(pending);
    expect(err).toMatchObject({ code: "Aborted", retryable: false });
    expect(stub.calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("stops waiting for a retry when the caller aborts", async () => {
    const controller = new AbortController();
    const stub = stubFetch({ status: 503, headers: { "retry-after": "30" } }, ok);
    const { client } = clientWith(stub, { sleep: () => new Promise(() => {}) });
    const pending = client.getSubscription(SUBSCRIPTION_ID, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    expect((await caught(pending)).code).toBe("Aborted");
    expect(stub.calls).toHaveLength(1);
  });

  it("makes no call when the signal is already aborted", async () => {
    const stub = stubFetch(ok);
    const { client } = clientWith(stub);
    const err = await caught(client.getSubscription(SUBSCRIPTION_ID, { signal: AbortSignal.abort() }));
    expect(err.code).toBe("Aborted");
    expect(stub.calls).toHaveLength(0);
  });
});

describe("error mapping", () => {
  it("parses the emulator's error body and the response request ID", async () => {
    const { client } = clientWith(
      stubFetch({
        status: 404,
        headers: { "x-ms-requestid": "server-req" },
        body: { code: "EntityNotFound", message: "Subscription not found", target: "subscriptionId" },
      }),
    );
    const err = await caught(client.getSubscription(SUBSCRIPTION_ID, { correlationId: "c-1" }));
    expect(err).toMatchObject({
      status: 404,
      code: "EntityNotFound",
      target: "subscriptionId",
      requestId: "server-req",
      correlationId: "c-1",
      operation: "getSubscription",
    });
    expect(err.body).toContain("EntityNotFound");
    expect(err.message).toContain("Subscription not found");
  });

  it("maps a 2xx body that fails validation to InvalidResponse", async () => {
    const { client } = clientWith(stubFetch({ status: 200, body: { id: SUBSCRIPTION_ID, saasSubscriptionStatus: "Nope" } }));
    const err = await caught(client.getSubscription(SUBSCRIPTION_ID));
    expect(err).toMatchObject({ status: 200, code: "InvalidResponse", retryable: false });
    expect(err.message).toContain("saasSubscriptionStatus");
  });

  it("maps a non-JSON 2xx body to InvalidResponse", async () => {
    const { client } = clientWith(stubFetch({ status: 200, body: "<html>gateway</html>" }));
    expect((await caught(client.getSubscription(SUBSCRIPTION_ID))).code).toBe("InvalidResponse");
  });
});
