import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureLogs } from "@/test/console";
import { getDatabase, getDb } from "@/db";
import { getEnv, MARKETPLACE_APP_ID, SIMULATOR_CLIENT_ID, SIMULATOR_TENANT_ID } from "@/lib/env";
import { startWebhookWorker, type WebhookWorker } from "@/lib/jobs/webhook-worker";
import { FakeMarketplace } from "@/lib/jobs/testing/fake-marketplace";
import { local, quiet } from "@/lib/jobs/testing/worker-fixtures";
import { createTestKey, signTestToken, type TestKey } from "@/lib/webhook/testing/tokens";
import { migratedPgliteFolder } from "@/test/db";
import { POST } from "./route";

/**
 * The route as Next.js runs it: configuration from the environment (simulator mode), keys
 * discovered over HTTP from the simulator's OpenID configuration URL, the process-wide database.
 */
describe("POST /api/webhook route", () => {
  let server: Server;
  let origin = "";
  let key: TestKey;
  let worker: WebhookWorker;
  const fake = new FakeMarketplace();
  const dataDir = mkdtempSync(path.join(tmpdir(), "portal-webhook-route-"));

  beforeAll(async () => {
    key = await createTestKey("simulator-key");
    server = createServer((req, res) => {
      const authority = `${origin}/api/simulator/${SIMULATOR_TENANT_ID}`;
      res.setHeader("content-type", "application/json");
      if (req.url === `/api/simulator/${SIMULATOR_TENANT_ID}/v2.0/.well-known/openid-configuration`) {
        res.end(JSON.stringify({ issuer: `${authority}/v2.0`, jwks_uri: `${authority}/discovery/v2.0/keys` }));
      } else if (req.url === `/api/simulator/${SIMULATOR_TENANT_ID}/discovery/v2.0/keys`) {
        res.end(JSON.stringify({ keys: [key.publicJwk] }));
      } else {
        res.statusCode = 404;
        res.end("{}");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const name of Object.keys(process.env))
      if (name.startsWith("MARKETPLACE_") || name.startsWith("WEBHOOK_")) delete process.env[name];
    process.env.PUBLIC_BASE_URL = origin;
    // A folder copied from the run's migrated template: the process-wide database opens it without migrating.
    await migratedPgliteFolder(path.join(dataDir, "pglite"));
    process.env.PGLITE_DIR = path.join(dataDir, "pglite");
    delete process.env.DATABASE_URL;
    // A long interval: only the route's wake-up can get the notification processed in time.
    worker = startWebhookWorker({ getDb, getClient: () => fake, intervalMs: 60 * 60 * 1000, log: quiet });
  });
  afterAll(async () => {
    await worker?.stop();
    await (await getDatabase()).close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const token = (claims: Record<string, unknown> = {}) =>
    signTestToken(key, {
      aud: SIMULATOR_CLIENT_ID,
      // The simulator's look-alike v2 issuer, as configuration accepts it.
      iss: getEnv().webhook.issuers[0],
      tid: SIMULATOR_TENANT_ID,
      azp: MARKETPLACE_APP_ID,
      ...claims,
    });
  const call = async (body: unknown, authorization?: string) =>
    POST(
      new Request(`${origin}/api/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(body),
      }),
    );

  it("stores an authenticated Subscribe, answers 200 at once, and the woken worker applies it", async () => {
    const sub = fake.addSubscription({ planId: "gold" });
    const res = await call(fake.operation(sub.id, "Subscribe"), `Bearer ${await token()}`);
    expect(res.status).toBe(200);
    const db = await getDb();
    await expect.poll(async () => (await local(db, sub.id))?.provisioningState, { timeout: 10_000, interval: 100 }).toBe("active");
  });

  it("refuses a token issued for another audience and a call without a token", async () => {
    const sub = fake.addSubscription();
    const logs = captureLogs("warn");
    expect((await call(fake.operation(sub.id, "Renew"), `Bearer ${await token({ aud: MARKETPLACE_APP_ID })}`)).status).toBe(401);
    expect((await call(fake.operation(sub.id, "Renew"))).status).toBe(401);
    // The first refusal is logged with its reason; the second, within the minute, is only counted.
    expect(logs.restore()).toEqual([
      expect.objectContaining({ level: "warn", msg: expect.stringMatching(/^webhook: refused \(401\): .*"aud" claim/) }),
    ]);
  });

  it("answers 400 to malformed input once authenticated", async () => {
    const logs = captureLogs("warn");
    expect((await call({ action: "Renew" }, `Bearer ${await token()}`)).status).toBe(400);
    expect(logs.restore()).toEqual([
      expect.objectContaining({ level: "warn", msg: expect.stringMatching(/^webhook: invalid body: id: /) }),
    ]);
  });
});
