import { ConfidentialClientApplication, type Configuration } from "@azure/msal-node";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMsalConfiguration, MARKETPLACE_API_SCOPE } from "@/lib/marketplace/token";
import { simulatorNetworkClient } from "@/lib/marketplace/simulator-authority";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import {
  MARKETPLACE_APP_ID,
  SIMULATOR_CLIENT_ID,
  SIMULATOR_CLIENT_SECRET,
  SIMULATOR_SIGNIN_CLIENT_ID,
  SIMULATOR_TENANT_ID,
} from "marketplace-simulator/constants";
import {
  SIMULATOR_MIGRATIONS,
  CONTOSO_TENANT_ID,
  getSigningKey,
  startSimulatorServer,
  type SimulatorServer,
} from "marketplace-simulator/testing";

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

describe.each(testDatabases("one"))("token endpoint on %s", (kind) => {
  let t: TestDatabase;
  let server: SimulatorServer;
  const tokenUrl = (tenant = SIMULATOR_TENANT_ID, v: "v1" | "v2" = "v2") =>
    `${server.origin}/api/simulator/${tenant}/oauth2/${v === "v2" ? "v2.0/" : ""}token`;

  beforeAll(async () => {
    t = await createTestDatabase(kind, { extraMigrations: [SIMULATOR_MIGRATIONS] });
    server = await startSimulatorServer(t.db);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  const msalApp = (secret = SIMULATOR_CLIENT_SECRET) =>
    new ConfidentialClientApplication(
      buildMsalConfiguration({
        tenantId: SIMULATOR_TENANT_ID,
        clientId: SIMULATOR_CLIENT_ID,
        credential: { kind: "secret", secret },
        simulatorOrigin: `${server.origin}/api/simulator`,
      }),
    );

  it("serves MSAL's client-credentials flow: the first call reaches the endpoint, the second comes from MSAL's cache", async () => {
    const app = msalApp();
    const before = server.log.length;
    const first = await app.acquireTokenByClientCredential({ scopes: [MARKETPLACE_API_SCOPE] });
    expect(server.log.slice(before)).toEqual([`POST /api/simulator/${SIMULATOR_TENANT_ID}/oauth2/v2.0/token`]);
    expect(first?.fromCache).toBe(false);
    expect(first?.tokenType).toBe("Bearer");
    const expiresInMs = first!.expiresOn!.getTime() - Date.now();
    expect(expiresInMs).toBeGreaterThan(3500_000);
    expect(expiresInMs).toBeLessThanOrEqual(3600_000 + 5_000);

    const claims = decodeJwt(first!.accessToken);
    expect(claims).toMatchObject({
      aud: MARKETPLACE_APP_ID,
      iss: `https://login.simulator.invalid/${SIMULATOR_TENANT_ID}/v2.0`,
      tid: SIMULATOR_TENANT_ID,
      azp: SIMULATOR_CLIENT_ID,
      ver: "2.0",
      idtyp: "app",
    });
    expect(claims.oid).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.nbf).toBe(claims.iat);
    expect(decodeProtectedHeader(first!.accessToken)).toMatchObject({ alg: "RS256", kid: (await getSigningKey(t.db)).kid });

    const second = await app.acquireTokenByClientCredential({ scopes: [MARKETPLACE_API_SCOPE] });
    expect(second?.fromCache).toBe(true);
    expect(second?.accessToken).toBe(first?.accessToken);
    expect(server.log.length).toBe(before + 1);
  });

  it("also answers MSAL when it discovers the endpoints itself instead of being given them", async () => {
    const lookAlike = `https://login.simulator.invalid/${SIMULATOR_TENANT_ID}`;
    const config: Configuration = {
      auth: {
        clientId: SIMULATOR_CLIENT_ID,
        clientSecret: SIMULATOR_CLIENT_SECRET,
        authority: lookAlike,
        knownAuthorities: ["login.simulator.invalid"],
      },
      system: { networkClient: simulatorNetworkClient(`${server.origin}/api/simulator`) },
    };
    const before = server.log.length;
    const result = await new ConfidentialClientApplication(config).acquireTokenByClientCredential({ scopes: [MARKETPLACE_API_SCOPE] });
    expect(decodeJwt(result!.accessToken).aud).toBe(MARKETPLACE_APP_ID);
    expect(server.log.slice(before)).toEqual([
      `GET /api/simulator/${SIMULATOR_TENANT_ID}/v2.0/.well-known/openid-configuration`,
      `POST /api/simulator/${SIMULATOR_TENANT_ID}/oauth2/v2.0/token`,
    ]);
  });

  it("refuses a wrong secret the way Entra does, and MSAL reports it as invalid_client", async () => {
    await expect(msalApp("not-the-secret").acquireTokenByClientCredential({ scopes: [MARKETPLACE_API_SCOPE] })).rejects.toMatchObject({
      errorCode: "invalid_client",
      errorMessage: expect.stringContaining("AADSTS7000215"),
    });

    const res = await fetch(tokenUrl(), {
      ...form({ grant_type: "client_credentials", client_id: SIMULATOR_CLIENT_ID, client_secret: "nope", scope: MARKETPLACE_API_SCOPE }),
      headers: { "content-type": "application/x-www-form-urlencoded", "client-request-id": "3f1c1a8e-1111-4222-8333-444455556666" },
    });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body).toEqual({
      error: "invalid_client",
      error_description: expect.stringMatching(
        /^AADSTS7000215: Invalid client secret provided\..*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: 3f1c1a8e-1111-4222-8333-444455556666\r\nTimestamp: /s,
      ),
      error_codes: [7000215],
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
      trace_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      correlation_id: "3f1c1a8e-1111-4222-8333-444455556666",
      error_uri: "https://login.microsoftonline.com/error?code=7000215",
    });
  });

  it.each([
    [
      "no grant_type",
      SIMULATOR_TENANT_ID,
      { client_id: SIMULATOR_CLIENT_ID, client_secret: SIMULATOR_CLIENT_SECRET },
      400,
      "invalid_request",
      900144,
    ],
    [
      "an unknown app",
      SIMULATOR_TENANT_ID,
      { grant_type: "client_credentials", client_id: CONTOSO_TENANT_ID, client_secret: "x", scope: MARKETPLACE_API_SCOPE },
      400,
      "unauthorized_client",
      700016,
    ],
    [
      "no credential",
      SIMULATOR_TENANT_ID,
      { grant_type: "client_credentials", client_id: SIMULATOR_CLIENT_ID, scope: MARKETPLACE_API_SCOPE },
      401,
      "invalid_client",
      7000216,
    ],
    [
      "a scope without /.default",
      SIMULATOR_TENANT_ID,
      {
        grant_type: "client_credentials",
        client_id: SIMULATOR_CLIENT_ID,
        client_secret: SIMULATOR_CLIENT_SECRET,
        scope: MARKETPLACE_APP_ID,
      },
      400,
      "invalid_scope",
      1002012,
    ],
    [
      "an unknown resource",
      SIMULATOR_TENANT_ID,
      {
        grant_type: "client_credentials",
        client_id: SIMULATOR_CLIENT_ID,
        client_secret: SIMULATOR_CLIENT_SECRET,
        scope: "https://vault.azure.net/.default",
      },
      400,
      "invalid_resource",
      500011,
    ],
    [
      "an unknown tenant",
      "0badbad0-0000-4000-8000-000000000000",
      {
        grant_type: "client_credentials",
        client_id: SIMULATOR_CLIENT_ID,
        client_secret: SIMULATOR_CLIENT_SECRET,
        scope: MARKETPLACE_API_SCOPE,
      },
      400,
      "invalid_request",
      90002,
    ],
    [
      "the common authority",
      "common",
      {
        grant_type: "client_credentials",
        client_id: SIMULATOR_CLIENT_ID,
        client_secret: SIMULATOR_CLIENT_SECRET,
        scope: MARKETPLACE_API_SCOPE,
      },
      400,
      "invalid_request",
      50059,
    ],
    [
      "a buyer's tenant",
      CONTOSO_TENANT_ID,
      {
        grant_type: "client_credentials",
        client_id: SIMULATOR_CLIENT_ID,
        client_secret: SIMULATOR_CLIENT_SECRET,
        scope: MARKETPLACE_API_SCOPE,
      },
      400,
      "unauthorized_client",
      700016,
    ],
    [
      "the password grant",
      SIMULATOR_TENANT_ID,
      { grant_type: "password", client_id: SIMULATOR_CLIENT_ID, client_secret: SIMULATOR_CLIENT_SECRET },
      400,
      "unsupported_grant_type",
      70003,
    ],
  ])("answers %s with Entra's error", async (_name, tenant, fields, status, error, code) => {
    const res = await fetch(tokenUrl(tenant), form(fields));
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error).toBe(error);
    expect(body.error_codes).toEqual([code]);
    expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
  });

  it("accepts client_secret_basic as well as client_secret_post", async () => {
    const basic = Buffer.from(`${encodeURIComponent(SIMULATOR_SIGNIN_CLIENT_ID)}:simulator-signin-secret`).toString("base64");
    const res = await fetch(tokenUrl(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: "client_credentials", scope: `${MARKETPLACE_APP_ID}/.default` }),
    });
    expect(res.status).toBe(200);
    expect(decodeJwt((await res.json()).access_token).azp).toBe(SIMULATOR_SIGNIN_CLIENT_ID);
  });

  it("serves the documented v1 endpoint: `resource` instead of scope, numbers as strings, a v1-shaped token", async () => {
    const res = await fetch(
      tokenUrl(SIMULATOR_TENANT_ID, "v1"),
      form({
        grant_type: "client_credentials",
        client_id: SIMULATOR_CLIENT_ID,
        client_secret: SIMULATOR_CLIENT_SECRET,
        resource: MARKETPLACE_APP_ID,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body).toEqual({
      token_type: "Bearer",
      expires_in: "3600",
      ext_expires_in: "3600",
      expires_on: expect.stringMatching(/^\d{10}$/),
      not_before: expect.stringMatching(/^\d{10}$/),
      resource: MARKETPLACE_APP_ID,
      access_token: expect.any(String),
    });
    expect(Number(body.expires_on) - Number(body.not_before)).toBe(3600);
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({
      aud: MARKETPLACE_APP_ID,
      iss: `https://sts.simulator.invalid/${SIMULATOR_TENANT_ID}/`,
      appid: SIMULATOR_CLIENT_ID,
      appidacr: "1",
      tid: SIMULATOR_TENANT_ID,
      ver: "1.0",
    });
    expect(claims.azp).toBeUndefined();

    const missing = await fetch(
      tokenUrl(SIMULATOR_TENANT_ID, "v1"),
      form({ grant_type: "client_credentials", client_id: SIMULATOR_CLIENT_ID, client_secret: SIMULATOR_CLIENT_SECRET }),
    );
    expect(missing.status).toBe(400);
    expect((await missing.json()).error_codes).toEqual([900144]);
  });

  it("only takes form posts", async () => {
    const json = await fetch(tokenUrl(), { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(json.status).toBe(400);
    expect((await json.json()).error_codes).toEqual([900561]);
    expect((await fetch(tokenUrl())).status).toBe(405);
  });
});
