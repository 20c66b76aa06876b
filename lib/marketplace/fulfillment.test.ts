import { describe, expect, it } from "vitest";
import { MarketplaceApiError } from "./errors";
import {
  OPERATION_ID,
  SUBSCRIPTION_ID,
  operationLocation,
  wireOperation,
  wirePlan,
  wireResolved,
  wireSubscription,
} from "./testing/fixtures";
import { clientWith, stubFetch, type Reply } from "./testing/fetch-stub";

const sub = (n: number) => ({ ...wireSubscription, id: `00000000-0000-4000-8000-00000000000${n}` });
const accepted = (headers: Record<string, string>): Reply => ({ status: 202, headers });

describe("resolve", () => {
  it("posts the purchase token untouched in x-ms-marketplace-token, without a body", async () => {
    const { client, calls } = clientWith(stubFetch({ status: 200, body: wireResolved }));
    const token = "ab+cd/ef==";
    const resolved = await client.resolve(token);
    expect(calls[0]).toMatchObject({ method: "POST", body: undefined });
    expect(calls[0]!.url.pathname).toBe("/api/saas/subscriptions/resolve");
    expect(calls[0]!.headers["x-ms-marketplace-token"]).toBe(token);
    expect(resolved).toMatchObject({
      subscriptionId: SUBSCRIPTION_ID,
      planId: "gold",
      quantity: 10,
      subscription: { status: "Subscribed" },
    });
  });
});

describe("listing subscriptions", () => {
  it("passes the continuation token and extracts the next one from @nextLink", async () => {
    const nextLink = "https://marketplaceapi.microsoft.com/api/saas/subscriptions?continuationToken=b%2Bc&api-version=2018-08-31";
    const { client, calls } = clientWith(stubFetch({ status: 200, body: { subscriptions: [wireSubscription], "@nextLink": nextLink } }));
    const page = await client.listSubscriptionsPage("a+1");
    expect(calls[0]!.url.pathname).toBe("/api/saas/subscriptions");
    expect(calls[0]!.url.searchParams.get("continuationToken")).toBe("a+1");
    expect(page).toMatchObject({ nextLink, continuationToken: "b+c" });
    expect(page.subscriptions).toHaveLength(1);
  });

  it("reads an empty body as an empty list", async () => {
    const { client } = clientWith(stubFetch({ status: 200, body: "" }));
    expect(await client.listSubscriptionsPage()).toEqual({ subscriptions: [], nextLink: undefined, continuationToken: undefined });
  });

  it("follows @nextLink over three pages with one correlation ID", async () => {
    const { client, calls } = clientWith(
      stubFetch(
        {
          status: 200,
          body: {
            subscriptions: [sub(1), sub(2)],
            "@nextLink": "https://marketplaceapi.microsoft.com/api/saas/subscriptions?continuationToken=p2&api-version=2018-08-31",
          },
        },
        { status: 200, body: { subscriptions: [sub(3)], "@nextLink": "/api/saas/subscriptions?continuationToken=p3" } },
        { status: 200, body: { subscriptions: [sub(4)], "@nextLink": "" } },
      ),
    );
    const ids: string[] = [];
    for await (const s of client.listSubscriptions()) ids.push(s.id);
    expect(ids.map((id) => id.slice(-1))).toEqual(["1", "2", "3", "4"]);
    expect(calls.map((c) => c.url.searchParams.get("continuationToken"))).toEqual([null, "p2", "p3"]);
    expect(new Set(calls.map((c) => c.headers["x-ms-correlationid"])).size).toBe(1);
  });

  it("calls our own base URL when @nextLink names another origin", async () => {
    const { client, calls } = clientWith(
      stubFetch(
        { status: 200, body: { subscriptions: [sub(1)], "@nextLink": "https://evil.example/api/saas/subscriptions?continuationToken=t2" } },
        { status: 200, body: { subscriptions: [sub(2)] } },
      ),
      { baseUrl: "http://127.0.0.1:3000/api/simulator" },
    );
    const all = [];
    for await (const s of client.listSubscriptions()) all.push(s);
    expect(all).toHaveLength(2);
    expect(calls[1]!.url.origin).toBe("http://127.0.0.1:3000");
    expect(calls[1]!.url.pathname).toBe("/api/simulator/saas/subscriptions");
    expect(calls[1]!.url.searchParams.get("continuationToken")).toBe("t2");
  });

  it("stops with InvalidResponse when @nextLink loops", async () => {
    const loop = { status: 200, body: { subscriptions: [sub(1)], "@nextLink": "https://x/api/saas/subscriptions?continuationToken=same" } };
    const { client, calls } = clientWith(stubFetch(loop));
    const seen: unknown[] = [];
    const walk = async () => {
      for await (const s of client.listSubscriptions()) seen.push(s);
    };
    await expect(walk()).rejects.toMatchObject({ code: "InvalidResponse", operation: "listSubscriptions" });
    expect(calls).toHaveLength(2);
  });

  it("refuses a @nextLink without a continuation token", async () => {
    const { client } = clientWith(
      stubFetch({ status: 200, body: { subscriptions: [], "@nextLink": "https://x/api/saas/subscriptions?page=2" } }),
    );
    const walk = async () => {
      for await (const _ of client.listSubscriptions()) void _;
    };
    await expect(walk()).rejects.toBeInstanceOf(MarketplaceApiError);
  });
});

describe("subscription calls", () => {
  it("gets one subscription", async () => {
    const { client, calls } = clientWith(stubFetch({ status: 200, body: { ...wireSubscription, quantity: "20" } }));
    const s = await client.getSubscription(SUBSCRIPTION_ID);
    expect(calls[0]!.method).toBe("GET");
    expect(s).toMatchObject({ id: SUBSCRIPTION_ID, quantity: 20, status: "Subscribed" });
  });

  it("lists available plans, filtered by planId when given", async () => {
    const { client, calls } = clientWith(stubFetch({ status: 200, body: { plans: [wirePlan] } }));
    const plans = await client.listAvailablePlans(SUBSCRIPTION_ID);
    await client.listAvailablePlans(SUBSCRIPTION_ID, "gold");
    expect(calls[0]!.url.pathname).toBe(`/api/saas/subscriptions/${SUBSCRIPTION_ID}/listAvailablePlans`);
    expect(calls[0]!.url.searchParams.has("planId")).toBe(false);
    expect(calls[1]!.url.searchParams.get("planId")).toBe("gold");
    expect(plans[0]?.sourceOffers).toHaveLength(1);
  });

  it("activates with planId, adding quantity only when given", async () => {
    const { client, calls } = clientWith(stubFetch({ status: 200 }));
    await client.activate(SUBSCRIPTION_ID, { planId: "gold" });
    await client.activate(SUBSCRIPTION_ID, { planId: "gold", quantity: 5 });
    expect(calls[0]).toMatchObject({ method: "POST", body: { planId: "gold" } });
    expect(calls[0]!.url.pathname).toBe(`/api/saas/subscriptions/${SUBSCRIPTION_ID}/activate`);
    expect(calls[1]!.body).toEqual({ planId: "gold", quantity: 5 });
  });

  it("changes plan and quantity in separate PATCHes and returns the operation", async () => {
    const { client, calls } = clientWith(stubFetch(accepted({ "operation-location": operationLocation() })));
    const plan = await client.updatePlan(SUBSCRIPTION_ID, "platinum");
    const qty = await client.updateQuantity(SUBSCRIPTION_ID, 20);
    expect(calls.map((c) => [c.method, c.body])).toEqual([
      ["PATCH", { planId: "platinum" }],
      ["PATCH", { quantity: 20 }],
    ]);
    expect(plan).toEqual({ operationId: OPERATION_ID, operationLocation: operationLocation() });
    expect(qty.operationId).toBe(OPERATION_ID);
  });

  it("falls back to the Operation-Id header", async () => {
    const { client } = clientWith(stubFetch(accepted({ "operation-id": OPERATION_ID })));
    expect(await client.updatePlan(SUBSCRIPTION_ID, "p")).toEqual({ operationId: OPERATION_ID, operationLocation: undefined });
  });

  it("reads a relative Operation-Location", async () => {
    const { client } = clientWith(stubFetch(accepted({ "Operation-Location": `/api/saas/subscriptions/s/operations/${OPERATION_ID}` })));
    expect((await client.deleteSubscription(SUBSCRIPTION_ID)).operationId).toBe(OPERATION_ID);
  });

  it("reports InvalidResponse when a 202 names no operation", async () => {
    const { client } = clientWith(stubFetch({ status: 202 }));
    await expect(client.updateQuantity(SUBSCRIPTION_ID, 2)).rejects.toMatchObject({ code: "InvalidResponse", status: 202 });
  });

  it("deletes with no body and returns the operation", async () => {
    const { client, calls } = clientWith(stubFetch(accepted({ "operation-location": operationLocation() })));
    expect((await client.deleteSubscription(SUBSCRIPTION_ID)).operationId).toBe(OPERATION_ID);
    expect(calls[0]).toMatchObject({ method: "DELETE", body: undefined });
  });

  it("surfaces DELETE's 409 (locked by a pending operation)", async () => {
    const { client, calls } = clientWith(stubFetch({ status: 409, body: { code: "Conflict", message: "locked" } }));
    await expect(client.deleteSubscription(SUBSCRIPTION_ID)).rejects.toMatchObject({ status: 409, code: "Conflict" });
    expect(calls).toHaveLength(1);
  });
});

describe("operation calls", () => {
  it.each([
    ["{operations}", { operations: [wireOperation] }, 1],
    ["bare array", [wireOperation, { ...wireOperation, id: "x", action: "Transfer" }], 2],
    ["{}", {}, 0],
    ["empty body", "", 0],
  ])("lists pending operations from %s", async (_label, body, count) => {
    const { client } = clientWith(stubFetch({ status: 200, body }));
    expect(await client.listOperations(SUBSCRIPTION_ID)).toHaveLength(count);
  });

  it("gets one operation, keeping an unknown action", async () => {
    const { client, calls } = clientWith(stubFetch({ status: 200, body: { ...wireOperation, action: "Transfer", status: "Succeeded" } }));
    const op = await client.getOperation(SUBSCRIPTION_ID, OPERATION_ID);
    expect(calls[0]!.url.pathname).toBe(`/api/saas/subscriptions/${SUBSCRIPTION_ID}/operations/${OPERATION_ID}`);
    expect(op).toMatchObject({ id: OPERATION_ID, action: "Transfer", status: "Succeeded" });
  });

  it("patches an operation's status and retries it after a 500", async () => {
    const { client, calls } = clientWith(stubFetch({ status: 500 }, { status: 200 }));
    await client.updateOperation(SUBSCRIPTION_ID, OPERATION_ID, { status: "Failure" });
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ method: "PATCH", body: { status: "Failure" } });
  });
});
