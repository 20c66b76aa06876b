import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createLocalJWKSet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookVerifier, WEBHOOK_CLOCK_SKEW_SECONDS } from "./authenticate";
import {
  createTestKey,
  hmacWithPublicKey,
  marketplaceClaims,
  signTestToken,
  testAuthConfig,
  unsignedToken,
  TEST_TENANT,
  type TestKey,
} from "./testing/tokens";

let key: TestKey;
let otherKey: TestKey;
let verify: ReturnType<typeof createWebhookVerifier>;
const bearer = (token: string) => `Bearer ${token}`;

beforeAll(async () => {
  key = await createTestKey("key-1");
  otherKey = await createTestKey("key-2");
  verify = createWebhookVerifier(testAuthConfig(), { getKey: createLocalJWKSet({ keys: [key.publicJwk] }) });
});

describe("webhook token verification", () => {
  it.each(["v1", "v2"] as const)("accepts a %s token from the marketplace app", async (version) => {
    const result = await verify(bearer(await signTestToken(key, marketplaceClaims(version))));
    expect(result).toEqual({
      ok: true,
      claims: expect.objectContaining({ tid: TEST_TENANT, version, callerAppId: "20e940b3-4c77-4b0b-9a53-9e16a1b010a7" }),
    });
  });

  it("accepts a token within the clock tolerance", async () => {
    const past = Math.floor(Date.now() / 1000) - 3630;
    expect((await verify(bearer(await signTestToken(key, marketplaceClaims(), { issuedAt: past })))).ok).toBe(true);
  });

  it("accepts at most 60 seconds of clock skew, even when asked for more", async () => {
    expect(WEBHOOK_CLOCK_SKEW_SECONDS).toBeLessThanOrEqual(60);
    const now = new Date("2026-12-01T12:00:00Z");
    const nowSeconds = now.getTime() / 1000;
    // Tokens valid for an hour that expired 30 s and 90 s before `now`.
    const expiredAgo = (seconds: number) => signTestToken(key, marketplaceClaims(), { issuedAt: nowSeconds - 3600 - seconds });
    const lenient = createWebhookVerifier(testAuthConfig(), {
      getKey: createLocalJWKSet({ keys: [key.publicJwk] }),
      currentDate: () => now,
      clockToleranceSeconds: 600,
    });
    expect((await lenient(bearer(await expiredAgo(30)))).ok).toBe(true);
    expect(await lenient(bearer(await expiredAgo(90)))).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/EXPIRED/) });
    // Not yet valid for another 90 s: refused on the same bound.
    expect((await lenient(bearer(await signTestToken(key, marketplaceClaims(), { issuedAt: nowSeconds + 90 })))).ok).toBe(false);
    expect((await lenient(bearer(await signTestToken(key, marketplaceClaims(), { issuedAt: nowSeconds + 30 })))).ok).toBe(true);
  });

  const negatives: Array<[string, () => Promise<string | null>, RegExp]> = [
    ["no token", async () => null, /no bearer token/],
    ["a non-bearer scheme", async () => `Basic ${Buffer.from("a:b").toString("base64")}`, /no bearer token/],
    [
      "a signature by another key under a known kid",
      async () => bearer(await signTestToken({ ...otherKey, kid: "key-1" }, marketplaceClaims())),
      /SIGNATURE_VERIFICATION_FAILED/,
    ],
    ["an unknown kid", async () => bearer(await signTestToken(otherKey, marketplaceClaims())), /NO_MATCHING_KEY/],
    [
      "an expired token",
      async () => bearer(await signTestToken(key, marketplaceClaims(), { issuedAt: Math.floor(Date.now() / 1000) - 7200 })),
      /EXPIRED/,
    ],
    [
      "a token not yet valid",
      async () => bearer(await signTestToken(key, marketplaceClaims(), { issuedAt: Math.floor(Date.now() / 1000) + 600 })),
      /nbf/,
    ],
    [
      "the wrong audience",
      async () => bearer(await signTestToken(key, marketplaceClaims("v2", { aud: "00000003-0000-0000-c000-000000000000" }))),
      /aud/,
    ],
    [
      "the wrong tenant",
      async () => bearer(await signTestToken(key, marketplaceClaims("v2", { tid: "9188040d-6c67-4c5b-b112-36a304b66dad" }))),
      /not our tenant/,
    ],
    [
      "the wrong azp",
      async () => bearer(await signTestToken(key, marketplaceClaims("v2", { azp: "11111111-2222-3333-4444-555555555555" }))),
      /not allowed/,
    ],
    [
      "the wrong appid",
      async () => bearer(await signTestToken(key, marketplaceClaims("v1", { appid: "11111111-2222-3333-4444-555555555555" }))),
      /not allowed/,
    ],
    ["no caller claim at all", async () => bearer(await signTestToken(key, marketplaceClaims("v2", { azp: undefined }))), /not allowed/],
    [
      "an issuer of another tenant",
      async () => bearer(await signTestToken(key, marketplaceClaims("v2", { iss: "https://login.microsoftonline.com/common/v2.0" }))),
      /iss/,
    ],
    ["alg none", async () => bearer(unsignedToken(marketplaceClaims())), /ALG_NOT_ALLOWED|JWS_INVALID/],
    ["HS256 signed with the public key", async () => bearer(await hmacWithPublicKey(key, marketplaceClaims())), /ALG_NOT_ALLOWED/],
    ["a token without tid", async () => bearer(await signTestToken(key, marketplaceClaims("v2", { tid: undefined }))), /tid/],
    ["garbage", async () => bearer("not.a.jwt"), /JWS_INVALID|JWT_INVALID/],
  ];

  it.each(negatives)("refuses %s with 401 and a reason", async (_name, header, reason) => {
    const result = await verify(await header());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.status).toBe(401);
      expect(result.reason).toMatch(reason);
    }
  });

  it("accepts anything only when authentication is explicitly disabled", async () => {
    const open = createWebhookVerifier(testAuthConfig({ authDisabled: true }));
    expect(await open(null)).toEqual({ ok: true, claims: null });
  });
});

describe("signing keys from OpenID discovery", () => {
  let server: Server;
  let base = "";
  const hits = { discovery: 0, keys: 0 };
  let misses = 0;
  let published: TestKey[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.url === `/${TEST_TENANT}/v2.0/.well-known/openid-configuration`) {
        hits.discovery++;
        res.end(JSON.stringify({ issuer: `${base}/${TEST_TENANT}/v2.0`, jwks_uri: `${base}/${TEST_TENANT}/discovery/v2.0/keys` }));
      } else if (req.url === `/${TEST_TENANT}/discovery/v2.0/keys`) {
        hits.keys++;
        res.end(JSON.stringify({ keys: published.map((k) => k.publicJwk) }));
      } else {
        misses++;
        res.statusCode = 404;
        res.end("{}");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("discovers the key set once, and refetches it when a rotated kid appears", async () => {
    published = [key];
    const config = testAuthConfig({ openIdConfigurationUrl: `${base}/${TEST_TENANT}/v2.0/.well-known/openid-configuration` });
    const remote = createWebhookVerifier(config, { jwksCooldownMs: 0 });
    for (let i = 0; i < 3; i++) expect((await remote(bearer(await signTestToken(key, marketplaceClaims())))).ok).toBe(true);
    expect(hits).toEqual({ discovery: 1, keys: 1 });

    published = [key, otherKey];
    expect((await remote(bearer(await signTestToken(otherKey, marketplaceClaims())))).ok).toBe(true);
    expect(hits).toEqual({ discovery: 1, keys: 2 });
  });

  it("answers 503, not 401, when the keys cannot be discovered, and retries discovery next time", async () => {
    const broken = createWebhookVerifier(testAuthConfig({ openIdConfigurationUrl: `${base}/missing/.well-known/openid-configuration` }));
    const token = bearer(await signTestToken(key, marketplaceClaims()));
    expect(await broken(token)).toMatchObject({ ok: false, status: 503 });
    expect(await broken(token)).toMatchObject({ ok: false, status: 503 });
    expect(misses).toBe(2);
  });
});
