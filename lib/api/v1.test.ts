import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOffer, upsertPlans } from "@/db/queries/catalogue";
import { upsertSubscription } from "@/db/queries/subscriptions";
import { apiKeys } from "@/db/schema";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/service";
import { ingestUsage, listUsageHours, usageThisTerm } from "@/lib/metering";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { createResponseValidator } from "./testing/openapi-validator";
import { createApiV1, type ApiV1 } from "./v1";

const ORIGIN = "http://portal.test";
const owner = { type: "staff", id: "owner", email: "owner@isv.example" } as const;
const TENANT_A = "aaaaaaaa-0000-4000-8000-00000000000a";
const TENANT_B = "bbbbbbbb-0000-4000-8000-00000000000b";
const validate = createResponseValidator();

describe.each(testDatabases("one"))("/api/v1 on %s", (kind) => {
  let t: TestDatabase;
  let api: ApiV1;
  const keys: Record<"writer" | "reader" | "both", string> = { writer: "", reader: "", both: "" };
  const subs: string[] = [];

  const newKey = async (scopes: ("usage:write" | "subscriptions:read")[], expiresAt?: Date) => {
    const r = await createApiKey(t.db, owner, { name: `key-${randomUUID()}`, scopes, expiresAt });
    if (!r.ok) throw new Error(r.code);
    return r.value;
  };
  const req = (path: string, init: { key?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    new Request(`${ORIGIN}${path}`, {
      method: init.body === undefined ? "GET" : "POST",
      headers: {
        ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    });
  const post = async (body: unknown, key = keys.writer) =>
    validate("post", "/api/v1/usage", await api.postUsage(req("/api/v1/usage", { key, body })));
  const hourAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    api = createApiV1({ getDatabase: async () => t, metering: { ingestUsage, listUsageHours, usageThisTerm }, requestsPerMinute: 0 });
    await ensureOffer(t.db, { id: "analytics", displayName: "Analytics" });
    const dims = [{ id: "api-calls", displayName: "API calls", unitOfMeasure: "call", pricePerUnit: 0.01, currency: "USD" }];
    await upsertPlans(t.db, [
      {
        offerId: "analytics",
        planId: "pro",
        displayName: "Pro",
        meteringDimensions: dims,
        billingTerms: [
          { termUnit: "P1M", price: 10, currency: "USD", meteredQuantityIncluded: [{ dimensionId: "api-calls", units: 100 }] },
        ],
      },
      { offerId: "analytics", planId: "flat", displayName: "Flat" },
    ]);
    // Seven subscriptions: statuses, plans and tenants to filter on.
    const specs = [
      ["pro", "Subscribed", TENANT_A],
      ["flat", "Subscribed", TENANT_A],
      ["pro", "Suspended", TENANT_B],
      ["pro", "Subscribed", TENANT_B],
      ["flat", "Unsubscribed", TENANT_B],
      ["pro", "Subscribed", TENANT_A],
      ["pro", "Subscribed", TENANT_B],
    ] as const;
    for (const [i, [planId, status, tenant]] of specs.entries()) {
      const id = randomUUID();
      subs.push(id);
      const start = new Date(Date.now() - 5 * 86400_000);
      await upsertSubscription(t.db, {
        id,
        name: `Sub ${i}`,
        offerId: "analytics",
        planId,
        status,
        quantity: null,
        purchaserTenantId: tenant,
        beneficiaryTenantId: tenant,
        termUnit: "P1M",
        termStartDate: start,
        termEndDate: new Date(start.getTime() + 30 * 86400_000),
      });
    }
    keys.writer = (await newKey(["usage:write"])).key;
    keys.reader = (await newKey(["subscriptions:read"])).key;
    keys.both = (await newKey(["usage:write", "subscriptions:read"])).key;
  });
  afterAll(async () => t?.close());

  describe("POST /api/v1/usage", () => {
    it("answers 401 with a Bearer challenge without a key, for an unknown, a revoked and an expired key", async () => {
      const noKey = await api.postUsage(req("/api/v1/usage", { body: { events: [] } }));
      expect(noKey.status).toBe(401);
      expect(noKey.headers.get("www-authenticate")).toMatch(/^Bearer /);
      await validate("post", "/api/v1/usage", noKey);

      const revoked = await newKey(["usage:write"]);
      await revokeApiKey(t.db, owner, revoked.apiKey.id);
      const expired = await newKey(["usage:write"], new Date(Date.now() + 60_000));
      await t.db
        .update(apiKeys)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(apiKeys.id, expired.apiKey.id));
      const unknown = keys.writer.slice(0, -2) + (keys.writer.endsWith("AA") ? "BB" : "AA");
      for (const key of [revoked.key, expired.key, unknown, "not-a-key"]) {
        const res = await api.postUsage(req("/api/v1/usage", { key, body: { events: [] } }));
        expect(res.status).toBe(401);
        expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
        await validate("post", "/api/v1/usage", res);
      }
    });

    it("answers 403 to a key without usage:write", async () => {
      expect(await post({ events: [] }, keys.reader)).toMatchObject({ status: 403, detail: expect.stringContaining("usage:write") });
    });

    it("answers 400 with zod's issues for a body that is not {events: [...]} of 1 to 1,000", async () => {
      const event = { subscriptionId: subs[0], dimension: "api-calls", quantity: 1, timestamp: hourAgo(1) };
      for (const body of [{ evnts: [] }, { events: [] }, [], { events: Array.from({ length: 1001 }, () => event) }, "{not json"]) {
        const res = await api.postUsage(req("/api/v1/usage", { key: keys.writer, body }));
        expect(res.status).toBe(400);
        await validate("post", "/api/v1/usage", res);
      }
      const res = await api.postUsage(req("/api/v1/usage", { key: keys.writer, body: { evnts: [] } }));
      expect(await res.json()).toMatchObject({ issues: [expect.objectContaining({ path: ["events"] })] });
    });

    it("answers 413 beyond 512 KiB, by Content-Length and by the streamed length", async () => {
      const big = JSON.stringify({ events: [], pad: "x".repeat(600 * 1024) });
      const declared = await api.postUsage(req("/api/v1/usage", { key: keys.writer, body: big }));
      expect(declared.status).toBe(413);
      await validate("post", "/api/v1/usage", declared);
      const bytes = new TextEncoder().encode(big);
      const stream = new ReadableStream({
        start(c) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) c.enqueue(bytes.slice(i, i + 64 * 1024));
          c.close();
        },
      });
      const chunked = new Request(`${ORIGIN}/api/v1/usage`, {
        method: "POST",
        headers: { authorization: `Bearer ${keys.writer}`, "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit);
      expect(chunked.headers.get("content-length")).toBeNull();
      expect((await api.postUsage(chunked)).status).toBe(413);
    });

    it("accepts 1,000 events, keeps the valid ones of a mixed request and counts a repeated id as a duplicate", async () => {
      const many = Array.from({ length: 1000 }, (_, i) => ({
        id: `bulk-${i}`,
        subscriptionId: subs[0],
        dimension: "api-calls",
        quantity: 1,
        timestamp: hourAgo(2),
      }));
      expect(await post({ events: many })).toEqual({ accepted: 1000, duplicates: 0, rejected: [] });

      const events = [
        { id: "e-1", subscriptionId: subs[0], dimension: "api-calls", quantity: 2.5, timestamp: hourAgo(1) },
        { id: "e-2", subscriptionId: subs[0], dimension: "api-calls", quantity: -1, timestamp: hourAgo(1) },
        { subscriptionId: randomUUID(), dimension: "api-calls", quantity: 1, timestamp: hourAgo(1) },
        { subscriptionId: subs[0], dimension: "storage", quantity: 1, timestamp: hourAgo(1) },
        { subscriptionId: subs[1], dimension: "api-calls", quantity: 1, timestamp: hourAgo(1) },
        { subscriptionId: subs[0], dimension: "api-calls", quantity: 1, timestamp: hourAgo(30) },
        "not an event",
      ];
      const first = await post({ events });
      expect(first).toMatchObject({ accepted: 1, duplicates: 0 });
      expect((first as { rejected: { index: number; code: string }[] }).rejected.map((r) => [r.index, r.code])).toEqual([
        [1, "invalid"],
        [2, "unknown_subscription"],
        [3, "unknown_dimension"],
        [4, "not_metered"],
        [5, "outside_window"],
        [6, "invalid"],
      ]);
      expect(await post({ events: [events[0]] })).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
      expect(await post({ events: many.slice(0, 10) })).toEqual({ accepted: 0, duplicates: 10, rejected: [] });
    });

    it("refuses a key over its rate limit with 429 and Retry-After", async () => {
      const limited = createApiV1({
        getDatabase: async () => t,
        metering: { ingestUsage, listUsageHours, usageThisTerm },
        requestsPerMinute: 2,
      });
      const body = { events: [{ subscriptionId: subs[0], dimension: "api-calls", quantity: 1, timestamp: hourAgo(1) }] };
      for (let i = 0; i < 2; i++) expect((await limited.postUsage(req("/api/v1/usage", { key: keys.both, body }))).status).toBe(202);
      const over = await limited.postUsage(req("/api/v1/usage", { key: keys.both, body }));
      expect(over.status).toBe(429);
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
      await validate("post", "/api/v1/usage", over);
      // Another key has its own budget.
      expect((await limited.postUsage(req("/api/v1/usage", { key: keys.writer, body }))).status).toBe(202);
    });
  });

  describe("GET /api/v1/usage", () => {
    const get = async (query: string, key = keys.reader) => api.getUsage(req(`/api/v1/usage?${query}`, { key }));

    it("returns the hours with their included and reported parts and status", async () => {
      const res = await get(`subscriptionId=${subs[0]}&dimension=api-calls`);
      expect(res.status).toBe(200);
      const body = (await validate("get", "/api/v1/usage", res)) as {
        items: { quantity: number; includedQuantity: number; status: string }[];
      };
      expect(body.items.reduce((s, h) => s + h.quantity, 0)).toBeGreaterThanOrEqual(1002.5);
      const from = new Date(Date.now() - 90 * 60_000).toISOString();
      const recent = (await validate("get", "/api/v1/usage", await get(`subscriptionId=${subs[0]}&from=${encodeURIComponent(from)}`))) as {
        items: { hour: string }[];
      };
      expect(recent.items.every((h) => Date.parse(h.hour) >= Date.parse(from) - 3600_000)).toBe(true);
      expect(recent.items.length).toBeLessThan(body.items.length);
    });

    it("answers 400 for bad parameters, 404 for an unknown subscription, 403 without subscriptions:read", async () => {
      for (const q of [
        "",
        "subscriptionId=nope",
        `subscriptionId=${subs[0]}&from=yesterday`,
        `subscriptionId=${subs[0]}&from=${hourAgo(1)}&to=${hourAgo(2)}`,
      ]) {
        const res = await get(q.replace(/\+/g, "%2B"));
        expect(res.status, q).toBe(400);
        await validate("get", "/api/v1/usage", res);
      }
      const missing = await get(`subscriptionId=${randomUUID()}`);
      expect(missing.status).toBe(404);
      await validate("get", "/api/v1/usage", missing);
      expect((await get(`subscriptionId=${subs[0]}`, keys.writer)).status).toBe(403);
    });
  });

  describe("GET /api/v1/subscriptions", () => {
    const list = async (query: string, key = keys.reader) => {
      const res = await api.listSubscriptions(req(`/api/v1/subscriptions?${query}`, { key }));
      return {
        status: res.status,
        body: (await validate("get", "/api/v1/subscriptions", res)) as {
          items: { id: string; planId: string; status: string }[];
          nextCursor: string | null;
        },
      };
    };
    const all = async (query: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const { body }: Awaited<ReturnType<typeof list>> = await list(`${query}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
        ids.push(...body.items.map((s) => s.id));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      return { ids, pages };
    };

    it("pages through every match once, in creation order, with each filter", async () => {
      expect(await all("")).toEqual({ ids: subs, pages: 4 });
      expect((await all("status=Subscribed")).ids).toEqual([subs[0], subs[1], subs[3], subs[5], subs[6]]);
      expect((await all("plan=pro&status=Subscribed")).ids).toEqual([subs[0], subs[3], subs[5], subs[6]]);
      expect((await all(`tenant=${TENANT_B}`)).ids).toEqual([subs[2], subs[3], subs[4], subs[6]]);
      expect((await all("offer=other")).ids).toEqual([]);
    });

    it("refuses a cursor made for other filters, bad parameters, and a key without subscriptions:read", async () => {
      const { body } = await list("status=Subscribed&limit=1");
      expect((await list(`status=Suspended&cursor=${body.nextCursor}`)).status).toBe(400);
      expect((await list("cursor=garbage")).status).toBe(400);
      expect((await list("limit=0")).status).toBe(400);
      expect((await list("status=Happy")).status).toBe(400);
      expect((await list("tenant=contoso")).status).toBe(400);
      expect((await list("", keys.writer)).status).toBe(403);
      expect((await list("", "")).status).toBe(401);
    });
  });

  describe("GET /api/v1/subscriptions/{id}", () => {
    const one = async (id: string, key = keys.reader) => {
      const res = await api.getSubscription(req(`/api/v1/subscriptions/${id}`, { key }), id);
      return { status: res.status, body: (await validate("get", "/api/v1/subscriptions/{id}", res)) as Record<string, unknown> };
    };

    it("returns plan, term, tenants and the included quantity with this term's usage", async () => {
      const { status, body } = await one(subs[0]!);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        id: subs[0],
        planId: "pro",
        status: "Subscribed",
        purchaser: { tenantId: TENANT_A },
        term: { unit: "P1M" },
      });
      expect(body.usageThisTerm).toEqual([expect.objectContaining({ dimension: "api-calls", included: 100 })]);
      expect((body.usageThisTerm as { used: number }[])[0]!.used).toBeGreaterThanOrEqual(1002.5);
    });

    it("answers 404 for an unknown ID and 400 for one that is not a GUID", async () => {
      expect((await one(randomUUID())).status).toBe(404);
      expect((await one("nope")).status).toBe(400);
      expect((await one(subs[0]!, keys.writer)).status).toBe(403);
    });
  });
});
