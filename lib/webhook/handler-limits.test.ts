import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { createLocalJWKSet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimits } from "@/db/schema";
import { createAbuseLimits } from "@/lib/rate-limit";
import { CLIENT_ADDRESS_HEADER, CLIENT_ADDRESS_TRUSTED, setClientAddressHeader } from "@/lib/rate-limit/client-address.mjs";
import { WEBHOOK_UNAUTHENTICATED_PER_MINUTE } from "@/lib/rate-limit/limits";
import { createRefusalLog } from "@/lib/rate-limit/refusal-log";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { createWebhookVerifier } from "./authenticate";
import { createTestKey, marketplaceClaims, signTestToken, testAuthConfig } from "./testing/tokens";
import { webhookTransports, type WebhookHandle } from "./testing/transports";

type Handle = WebhookHandle;
// Both transports; the node:http one determines the address as server.mjs does behind one proxy.
const { transports, close } = webhookTransports((req) => setClientAddressHeader(req, 1));
const trusted = globalThis as Record<symbol, unknown>;
beforeAll(() => {
  trusted[CLIENT_ADDRESS_TRUSTED] = true; // as server.mjs does
});
afterAll(async () => {
  delete trusted[CLIENT_ADDRESS_TRUSTED];
  await close();
});

const cases = testDatabases("both").flatMap((kind) => Object.keys(transports).map((transport) => [kind, transport] as const));

describe.each(cases)("webhook abuse limit (%s, %s)", (kind, transport) => {
  const serve = transports[transport]!;
  let t: TestDatabase;
  let handle: Handle;
  let bearer: () => Promise<string>;
  const warnings: string[] = [];
  let counted = 0;
  let clock = 0;
  const refusals = createRefusalLog({ log: { warn: (m: string) => warnings.push(m) }, now: () => clock });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const key = await createTestKey("k1");
    bearer = async () => `Bearer ${await signTestToken(key, marketplaceClaims())}`;
    const verify = createWebhookVerifier(testAuthConfig(), { getKey: createLocalJWKSet({ keys: [key.publicJwk] }) });
    const limit = createAbuseLimits(t).webhookUnauthenticated;
    handle = await serve({
      verify,
      getDb: async () => t.db,
      log: { warn: (m: string) => warnings.push(m), error: () => {} },
      refusals,
      limitUnauthenticated: (address) => {
        counted++;
        return limit.consume(address);
      },
    });
  });
  afterAll(async () => {
    refusals.flush();
    await t?.close();
  });

  // The client spoofs the internal header; only the node:http server replaces it (server.mjs does in production).
  const post = (address: string, authorization?: string) =>
    handle(
      new Request("http://portal.test/api/webhook", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": address,
          [CLIENT_ADDRESS_HEADER]: transport === "route" ? address : "192.0.2.250",
          ...(authorization ? { authorization } : {}),
        },
        body: JSON.stringify({ id: randomUUID(), subscriptionId: randomUUID(), action: "Renew", status: "Succeeded" }),
      }),
    );

  it("answers the 61st unauthenticated call from one address 429 with Retry-After; a valid token from it still gets through", async () => {
    const limit = WEBHOOK_UNAUTHENTICATED_PER_MINUTE.points;
    for (let i = 0; i < limit; i++) expect((await post("203.0.113.5")).status).toBe(401);
    const refused = await post("203.0.113.5", "Bearer not-a-token");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused.text()).toBe("");

    const before = counted;
    const accepted = await post("203.0.113.5", await bearer());
    expect(accepted.status).toBe(200);
    expect(counted).toBe(before); // the authenticated path never reaches the limiter
    expect((await post("203.0.113.6")).status).toBe(401); // another address has its own count

    if (kind === "postgres") {
      // Blocked in memory at the limit: the refused call did not touch the shared table.
      const [row] = await t.db.select().from(rateLimits).where(eq(rateLimits.key, "webhook-unauthenticated:203.0.113.5"));
      expect(row?.points).toBe(limit);
    }
  });

  it("logs the refusals once, with their reason, then one count for the interval", async () => {
    refusals.flush();
    warnings.length = 0;
    clock = 1_000_000;
    for (const address of ["198.51.100.1", "198.51.100.2", "198.51.100.1"]) expect((await post(address)).status).toBe(401);
    expect(warnings).toEqual([expect.stringMatching(/^webhook: refused \(401\): .*counted, not logged/)]);
    clock += 60_000;
    refusals.flush();
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toBe("webhook: 3 unauthenticated calls refused in the last 60 s from 2 addresses");
  });
});
