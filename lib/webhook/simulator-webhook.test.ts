import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { createWebhookVerifier } from "@/lib/webhook/authenticate";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { MARKETPLACE_APP_ID } from "marketplace-simulator/constants";
import {
  updateRuntimeConfig,
  SIMULATOR_MIGRATIONS,
  startSimulatorServer,
  type SimulatorServer,
  listWebhookDeliveries,
  sendWebhook,
  changePlanPayload,
  scriptedReceiver,
} from "marketplace-simulator/testing";

describe.each(testDatabases("one"))("webhook sender on %s", (kind) => {
  let t: TestDatabase;
  let server: SimulatorServer;
  const receiver = scriptedReceiver();
  const env = getEnv();
  const webhookUrl = () => `${server.origin}/api/webhook`;

  beforeAll(async () => {
    t = await createTestDatabase(kind, { extraMigrations: [SIMULATOR_MIGRATIONS] });
    server = await startSimulatorServer(t.db, { fallback: (r) => receiver.handle(r) });
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  /** Keys found the way the portal finds Entra's: discovery document first, then its jwks_uri. */
  async function discover(version: "v1" | "v2") {
    const path = version === "v2" ? "v2.0/.well-known/openid-configuration" : ".well-known/openid-configuration";
    const url = `${server.origin}/api/simulator/${env.webhook.tenantId}/${path}`;
    const doc = (await (await fetch(url)).json()) as { issuer: string; jwks_uri: string };
    return { url, issuer: doc.issuer, keys: createRemoteJWKSet(new URL(doc.jwks_uri)) };
  }

  it("posts the payload with a bearer token that verifies against the JWKS named by the discovery document", async () => {
    const payload = changePlanPayload();
    const result = await sendWebhook(t.db, payload, { settings: { url: webhookUrl() }, startRetryLoop: false });
    expect(result.firstAttemptStatus).toBe(200);

    const call = receiver.calls.at(-1)!;
    expect(call.body).toEqual(payload);
    expect(call.contentType).toMatch(/^application\/json/);
    const token = call.authorization!.replace(/^Bearer /, "");
    const { url, issuer, keys } = await discover("v2");
    const { payload: claims, protectedHeader } = await jwtVerify(token, keys, {
      issuer,
      audience: env.webhook.audience,
      algorithms: ["RS256"],
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(claims).toMatchObject({
      aud: env.webhook.audience,
      tid: env.webhook.tenantId,
      azp: MARKETPLACE_APP_ID,
      azpacr: "2",
      ver: "2.0",
      iss: `https://login.simulator.invalid/${env.webhook.tenantId}/v2.0`,
    });
    expect(claims.appid).toBeUndefined();
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.nbf).toBe(claims.iat);

    // The portal's own webhook authentication accepts it, with its configured issuers.
    const verify = createWebhookVerifier({ ...env.webhook, openIdConfigurationUrl: url });
    expect(await verify(call.authorization)).toMatchObject({ ok: true, claims: { version: "v2", callerAppId: MARKETPLACE_APP_ID } });

    const [delivery] = await listWebhookDeliveries(t.db, { subscriptionId: payload.subscriptionId });
    expect(delivery).toMatchObject({
      id: result.deliveryId,
      operationId: payload.id,
      action: "ChangePlan",
      url: webhookUrl(),
      state: "delivered",
      attempts: 1,
      lastStatusCode: 200,
      nextAttemptAt: null,
      payload,
    });
    expect(delivery!.completedAt).toBeInstanceOf(Date);
    expect(delivery!.attemptLog).toEqual([
      expect.objectContaining({ attemptNumber: 1, statusCode: 200, responseSnippet: "answered 200", error: null }),
    ]);
  });

  it("can sign in the v1 shape instead: `appid` and the sts-style issuer", async () => {
    await sendWebhook(t.db, changePlanPayload(), { settings: { url: webhookUrl(), issuerVersion: "v1" }, startRetryLoop: false });
    const call = receiver.calls.at(-1)!;
    const { url, issuer, keys } = await discover("v1");
    const { payload: claims } = await jwtVerify(call.authorization!.replace(/^Bearer /, ""), keys, {
      issuer,
      audience: env.webhook.audience,
    });
    expect(claims).toMatchObject({ appid: MARKETPLACE_APP_ID, ver: "1.0", iss: `https://sts.simulator.invalid/${env.webhook.tenantId}/` });
    expect(claims.azp).toBeUndefined();
    const verify = createWebhookVerifier({ ...env.webhook, openIdConfigurationUrl: url });
    expect(await verify(call.authorization)).toMatchObject({ ok: true, claims: { version: "v1" } });
  });

  it("takes attempts, base delay and URL from the simulator's runtime config", async () => {
    await updateRuntimeConfig(t.db, { webhookMaxAttempts: 2, webhookRetryDelayMs: 750, webhookUrl: webhookUrl() }, new Date());
    try {
      receiver.answer(503);
      const now = new Date("2026-11-24T12:00:00Z");
      const payload = changePlanPayload();
      const result = await sendWebhook(t.db, payload, { now: () => now, startRetryLoop: false });
      expect(result.firstAttemptStatus).toBe(503);
      const [delivery] = await listWebhookDeliveries(t.db, { operationId: payload.id });
      expect(delivery).toMatchObject({ url: webhookUrl(), maxAttempts: 2, state: "retrying", lastStatusCode: 503 });
      expect(delivery!.nextAttemptAt!.getTime() - now.getTime()).toBe(750);
    } finally {
      await updateRuntimeConfig(t.db, { webhookMaxAttempts: 5, webhookRetryDelayMs: 1000, webhookUrl: null }, new Date());
    }
  });

  it("lists deliveries newest first, filtered and limited, each with its attempts; keeps a short response snippet", async () => {
    const subscriptionId = crypto.randomUUID();
    receiver.answer({ status: 200, body: "x".repeat(2000) });
    const times = [1, 2, 3].map((m) => new Date(Date.UTC(2026, 10, 24, 13, m)));
    for (const at of times) {
      await sendWebhook(t.db, changePlanPayload({ subscriptionId }), {
        settings: { url: webhookUrl() },
        now: () => at,
        startRetryLoop: false,
      });
    }
    const all = await listWebhookDeliveries(t.db, { subscriptionId });
    expect(all.map((d) => d.createdAt.getTime())).toEqual(times.map((d) => d.getTime()).reverse());
    expect(all.at(-1)!.attemptLog[0]!.responseSnippet).toHaveLength(500);
    expect(await listWebhookDeliveries(t.db, { subscriptionId, limit: 2 })).toHaveLength(2);
  });
});
