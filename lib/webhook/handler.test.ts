import { randomUUID } from "node:crypto";
import { count } from "drizzle-orm";
import { createLocalJWKSet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookInbox } from "@/db/schema";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { createWebhookVerifier } from "./authenticate";
import { MAX_WEBHOOK_BODY_BYTES } from "./handler";
import {
  createTestKey,
  hmacWithPublicKey,
  marketplaceClaims,
  signTestToken,
  testAuthConfig,
  unsignedToken,
  type TestKey,
} from "./testing/tokens";
import { webhookTransports, type WebhookHandle } from "./testing/transports";

const quiet = { warn: () => {}, error: () => {} };
const hourAgo = () => Math.floor(Date.now() / 1000) - 7200;

type Handle = WebhookHandle;
const { transports, close } = webhookTransports();
afterAll(close);

const cases = testDatabases("one").flatMap((kind) => Object.keys(transports).map((transport) => [kind, transport] as const));

describe.each(cases)("POST /api/webhook handler (%s, %s)", (kind, transport) => {
  const serve = transports[transport]!;
  let t: TestDatabase;
  let key: TestKey;
  let otherKey: TestKey;
  let handle: Handle;
  let woken = 0;
  const warnings: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    key = await createTestKey("k1");
    otherKey = await createTestKey("k2");
    const verify = createWebhookVerifier(testAuthConfig(), { getKey: createLocalJWKSet({ keys: [key.publicJwk] }) });
    const log = { ...quiet, warn: (m: string) => void warnings.push(m) };
    handle = await serve({ verify, getDb: async () => t.db, onQueued: () => woken++, log });
  });
  afterAll(async () => t?.close());

  const stored = async () => (await t.db.select({ n: count() }).from(webhookInbox))[0]?.n ?? 0;
  const body = (overrides: Record<string, unknown> = {}) =>
    JSON.stringify({
      id: randomUUID(),
      subscriptionId: randomUUID(),
      action: "Renew",
      status: "Succeeded",
      operationRequestSource: "Azure",
      ...overrides,
    });
  const post = (text: string | ReadableStream<Uint8Array>, authorization?: string, headers: Record<string, string> = {}) =>
    handle(
      new Request("http://portal.test/api/webhook", {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}), ...headers },
        body: text,
        ...(typeof text === "string" ? {} : { duplex: "half" }),
      } as RequestInit),
    );
  const bearer = async (claims = marketplaceClaims(), k = key, opts = {}) => `Bearer ${await signTestToken(k, claims, opts)}`;

  const refusals: Array<[string, () => Promise<string | undefined>]> = [
    ["no token", async () => undefined],
    ["a forged signature", async () => bearer(marketplaceClaims(), { ...otherKey, kid: "k1" })],
    ["an unknown kid", async () => bearer(marketplaceClaims(), otherKey)],
    ["an expired token", async () => bearer(marketplaceClaims(), key, { issuedAt: hourAgo() })],
    ["the wrong aud", async () => bearer(marketplaceClaims("v2", { aud: randomUUID() }))],
    ["the wrong tid", async () => bearer(marketplaceClaims("v2", { tid: randomUUID() }))],
    ["the wrong azp", async () => bearer(marketplaceClaims("v2", { azp: randomUUID() }))],
    ["the wrong appid", async () => bearer(marketplaceClaims("v1", { appid: randomUUID() }))],
    ["the wrong issuer", async () => bearer(marketplaceClaims("v1", { iss: "https://sts.windows.net/common/" }))],
    ["alg none", async () => `Bearer ${unsignedToken(marketplaceClaims())}`],
    ["HS256 keyed with the public key", async () => `Bearer ${await hmacWithPublicKey(key, marketplaceClaims())}`],
  ];

  it.each(refusals)("answers 401 with an empty body to %s and stores nothing", async (_name, auth) => {
    const before = await stored();
    const res = await post(body(), await auth());
    expect(res.status).toBe(401);
    expect(await res.text()).toBe("");
    expect(await stored()).toBe(before);
  });

  it.each(["v1", "v2"] as const)("stores a call with a %s token, answers 200 and wakes the worker", async (version) => {
    const before = { rows: await stored(), woken };
    const text = body();
    const res = await post(text, await bearer(marketplaceClaims(version)), { "x-ms-requestid": "rq-1" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "queued" });
    expect(await stored()).toBe(before.rows + 1);
    expect(woken).toBe(before.woken + 1);

    const again = await post(text, await bearer(marketplaceClaims(version)));
    expect(await again.json()).toEqual({ status: "duplicate" });
    expect(await stored()).toBe(before.rows + 1);
    expect(woken).toBe(before.woken + 1);
  });

  it("refuses a body over 64 KiB with 413, whether declared or streamed, and stores nothing", async () => {
    const before = await stored();
    const big = body({ padding: "x".repeat(MAX_WEBHOOK_BODY_BYTES) });
    const declared = await post(big, await bearer(), { "content-length": String(Buffer.byteLength(big)) });
    expect(declared.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new TextEncoder().encode(big);
        for (let i = 0; i < chunk.length; i += 8192) controller.enqueue(chunk.subarray(i, i + 8192));
        controller.close();
      },
    });
    expect((await post(stream, await bearer())).status).toBe(413);
    expect(await stored()).toBe(before);
  });

  it.each([
    ["malformed JSON", '{"id": '],
    ["a body without action", JSON.stringify({ id: randomUUID(), subscriptionId: randomUUID() })],
    ["an empty body", ""],
  ])("answers 400 to %s and stores nothing", async (_name, text) => {
    const before = await stored();
    const res = await post(text, await bearer());
    expect(res.status).toBe(400);
    expect(await stored()).toBe(before);
  });

  // PostgreSQL's jsonb refuses \u0000 and unpaired surrogates ("unsupported Unicode escape sequence"),
  // and deep nesting exhausts a recursive parser's stack: such a body must never reach the insert.
  const deep = (depth: number) => `${"[".repeat(depth)}1${"]".repeat(depth)}`;
  const signed = (extra: string) => body().replace(/}$/, `,${extra}}`);
  it.each([
    ["a NUL character in a string", signed(String.raw`"note":"a\u0000b"`)],
    ["a NUL character in a key", signed(String.raw`"a\u0000b":1`)],
    ["a lone high surrogate", signed(String.raw`"note":"\ud800"`)],
    ["a lone low surrogate in a key", signed(String.raw`"\udc00x":true`)],
    ["a surrogate pair the wrong way round", signed(String.raw`"note":"\udc00\ud800"`)],
    ["nesting 6,000 deep", signed(`"deep":${deep(6_000)}`)],
    ["nesting 30,000 deep (the most 64 KiB can hold)", signed(`"deep":${deep(30_000)}`)],
    ["nesting 65 deep", signed(`"deep":${deep(65)}`)],
  ])("answers 400 to %s, logs why and stores nothing", async (_name, text) => {
    const before = await stored();
    warnings.length = 0;
    const res = await post(text, await bearer());
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "invalid notification" });
    expect(await stored()).toBe(before);
    expect(warnings).toEqual([expect.stringMatching(/^webhook: invalid body: not storable as PostgreSQL JSON: /)]);
  });

  it("stores a body with escaped characters PostgreSQL accepts: a surrogate pair, control characters, nesting 64 deep", async () => {
    const before = await stored();
    const text = signed(String.raw`"emoji":"\ud83d\ude00","tab":"a\tb\u0001","deep":` + deep(63));
    const res = await post(text, await bearer());
    expect(res.status).toBe(200);
    expect(await stored()).toBe(before + 1);
  });

  it("stores a change for a subscription it does not know yet and answers 200: Microsoft never retries a 4xx", async () => {
    const res = await post(body({ action: "ChangePlan", planId: "gold", status: "InProgress" }), await bearer());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "queued" });
  });

  it("acknowledges an unknown action with 200 without waking the worker", async () => {
    const before = woken;
    const res = await post(body({ action: "Transfer" }), await bearer());
    expect(await res.json()).toEqual({ status: "ignored" });
    expect(woken).toBe(before);
  });

  it("answers 500 when the notification cannot be stored, so Microsoft retries", async () => {
    const broken = await serve({
      verify: async () => ({ ok: true, claims: null }),
      getDb: async () => {
        throw new Error("database unavailable");
      },
      log: quiet,
    });
    const res = await broken(new Request("http://portal.test/api/webhook", { method: "POST", body: body() }));
    expect(res.status).toBe(500);
  });

  it("accepts the emulator's unauthenticated calls only when authentication is disabled", async () => {
    const open = await serve({
      verify: createWebhookVerifier(testAuthConfig({ authDisabled: true })),
      getDb: async () => t.db,
      log: quiet,
    });
    const res = await open(
      new Request("http://portal.test/api/webhook", {
        method: "POST",
        body: body({ operationRequestSource: undefined, operationRequestedSource: "Azure" }),
      }),
    );
    expect(res.status).toBe(200);
  });
});
