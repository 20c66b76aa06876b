import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertPlanPolicy } from "@/db/queries/operations";
import { offers, plans } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { createMarketplaceClient, type MarketplaceClient } from "@/lib/marketplace";
import { handleSimulatorRequest } from "marketplace-simulator";
import { API, buy, kim, mintWebhookToken, resolveWebhookSettings, startHarness, type SimHarness } from "marketplace-simulator/testing";
import { createWebhookVerifier } from "@/lib/webhook/authenticate";
import { createWebhookHandler } from "@/lib/webhook/handler";
import { validateRequestAgainstContract, validateResponseAgainstContract } from "marketplace-simulator/contract";
import { testDatabases } from "@/test/db";
import { effects, inboxRow, local, quiet } from "./testing/worker-fixtures";
import { processDueInboxItems } from "./webhook-worker";

const simFetch = (input: string | URL | Request, init?: RequestInit) => handleSimulatorRequest(new Request(input, init));

/** The worker's Fulfillment calls, each request and response checked against Microsoft's OpenAPI documents. */
async function contractFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const body = typeof init?.body === "string" ? init.body : undefined;
  const response = await handleSimulatorRequest(request.clone());
  expect(validateRequestAgainstContract({ method: request.method, url: request.url, headers: request.headers, body })).toEqual([]);
  const text = await response.clone().text();
  const errors = validateResponseAgainstContract({
    method: request.method,
    url: request.url,
    status: response.status,
    headers: response.headers,
    body: text,
  });
  // Learn's webhook table lists Subscribe (plans that activate at purchase); the OpenAPI action enum predates it.
  const subscribe = /"action":"Subscribe"/.test(text);
  expect(errors.filter((e) => !(subscribe && /action must be equal to one of the allowed values/.test(e)))).toEqual([]);
  return response;
}

/** Serves the portal's webhook handler over HTTP so the simulator delivers to it as to a deployed portal. */
async function serveHandler(handle: (request: Request) => Promise<Response>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const response = await handle(
        new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) }),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhook`, server };
}

describe.each(testDatabases("one"))("webhook engine against the marketplace simulator (%s)", (kind) => {
  let h: SimHarness;
  let client: MarketplaceClient;
  let portal: { url: string; server: Server };

  beforeAll(async () => {
    h = await startHarness(kind);
    client = createMarketplaceClient({ baseUrl: API, fetch: contractFetch, getToken: () => h.mintToken(), retry: { maxAttempts: 1 } });
    // Keys are discovered from the simulator's OpenID configuration, as in simulator mode.
    const verify = createWebhookVerifier(getEnv().webhook, { fetch: simFetch });
    portal = await serveHandler(createWebhookHandler({ verify, getDb: async () => h.db.db, log: quiet }));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => portal?.server.close(() => resolve()));
    await h?.close();
  });

  const work = () => processDueInboxItems(h.db.db, client, { log: quiet });
  async function customer(subscriptionId: string, action: string, body?: unknown) {
    const res = await h.call("POST", `/_sim/subscriptions/${subscriptionId}/${action}`, { body: body ?? {} });
    expect(res.status, res.text).toBe(200);
    return res.body as { operation: { id: string; status: string }; webhookStatus: number | null };
  }

  it("applies a purchase and every customer action exactly once, verified with the simulator", async () => {
    await h.reset({ webhookUrl: portal.url, rejectWindowMs: 10_000 });
    const { subscriptionId, webhookStatus } = await buy(h, {
      offerId: "contoso-teamwork",
      planId: "team",
      quantity: 10,
      purchaser: kim,
      autoActivate: true,
    });
    expect(webhookStatus).toBe(200);
    expect(await work()).toMatchObject({ processed: 1 });
    expect(await local(h.db.db, subscriptionId)).toMatchObject({
      status: "Subscribed",
      provisioningState: "active",
      planId: "team",
      quantity: 10,
    });

    expect((await customer(subscriptionId, "change-quantity", { quantity: 20 })).webhookStatus).toBe(200);
    await work();
    expect((await local(h.db.db, subscriptionId))?.quantity).toBe(20);
    const changePlan = await customer(subscriptionId, "change-plan", { planId: "business" });
    expect(changePlan.operation.status).toBe("InProgress");
    await work();
    // Accepted early with PATCH Success, so Microsoft's side has it too.
    expect((await client.getOperation(subscriptionId, changePlan.operation.id)).status).toBe("Succeeded");
    expect((await local(h.db.db, subscriptionId))?.planId).toBe("business");

    const termEnd = (await local(h.db.db, subscriptionId))?.termEndDate?.getTime();
    await customer(subscriptionId, "renew");
    await work();
    expect((await local(h.db.db, subscriptionId))?.termEndDate?.getTime()).toBeGreaterThan(termEnd ?? Infinity);

    await customer(subscriptionId, "suspend");
    await work();
    expect(await local(h.db.db, subscriptionId)).toMatchObject({ status: "Suspended", provisioningState: "suspended" });
    await customer(subscriptionId, "reinstate");
    await work();
    expect(await local(h.db.db, subscriptionId)).toMatchObject({ status: "Subscribed", provisioningState: "active" });
    await customer(subscriptionId, "unsubscribe");
    await work();
    expect(await local(h.db.db, subscriptionId)).toMatchObject({ status: "Unsubscribed", provisioningState: "deprovisioned" });

    // Microsoft may deliver the same call again: it is acknowledged and not applied twice.
    const payload = JSON.stringify({
      ...(await client.getOperation(subscriptionId, changePlan.operation.id)),
      operationRequestSource: "Azure",
    });
    const token = await mintWebhookToken(h.db.db, await resolveWebhookSettings(h.db.db), new Date());
    const again = await fetch(portal.url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: payload,
    });
    expect(await again.json()).toEqual({ status: "duplicate" });
    expect(await work()).toMatchObject({ claimed: 0 });

    expect(await effects(h.db.db, subscriptionId)).toEqual({
      audits: [
        "subscription.subscribed",
        "subscription.quantity_changed",
        "subscription.plan_changed",
        "subscription.renewed",
        "subscription.suspended",
        "subscription.reinstated",
        "subscription.unsubscribed",
      ],
      applied: 7,
      inbox: 7,
    });
  });

  it("refuses a downgrade inside the window, and the simulator reverts it", async () => {
    await h.reset({ webhookUrl: portal.url, rejectWindowMs: 10_000 });
    await h.db.db.insert(offers).values({ id: "contoso-teamwork", displayName: "Contoso Teamwork" }).onConflictDoNothing();
    const perUser = (price: number) => [{ termUnit: "P1M", price, currency: "USD" }];
    await h.db.db
      .insert(plans)
      .values([
        {
          offerId: "contoso-teamwork",
          planId: "team",
          displayName: "Team",
          pricingModel: "per_user",
          billingTerms: perUser(8),
          minQuantity: 1,
          maxQuantity: 300,
        },
        {
          offerId: "contoso-teamwork",
          planId: "business",
          displayName: "Business",
          pricingModel: "per_user",
          billingTerms: perUser(15),
          minQuantity: 5,
          maxQuantity: 5000,
        },
      ])
      .onConflictDoNothing();
    await upsertPlanPolicy(h.db.db, { offerId: "contoso-teamwork", planId: "business", changePolicy: "reject_downgrades" });

    const { subscriptionId } = await buy(h, {
      offerId: "contoso-teamwork",
      planId: "business",
      quantity: 10,
      purchaser: kim,
      autoActivate: true,
    });
    await work();
    const refused = await customer(subscriptionId, "change-plan", { planId: "team" });
    expect(refused.webhookStatus).toBe(400);
    expect(refused.operation.status).toBe("Failed");
    expect((await client.getSubscription(subscriptionId)).planId).toBe("business");
    expect(await inboxRow(h.db.db, refused.operation.id)).toMatchObject({ decision: "rejected", state: "ignored" });
    expect(await work()).toMatchObject({ claimed: 0 });

    expect((await customer(subscriptionId, "change-quantity", { quantity: 12 })).webhookStatus).toBe(200);
    await work();
    expect(await local(h.db.db, subscriptionId)).toMatchObject({ planId: "business", quantity: 12 });
    expect((await effects(h.db.db, subscriptionId)).audits).toEqual([
      "subscription.subscribed",
      "operation.rejected",
      "subscription.quantity_changed",
    ]);
  });
});
