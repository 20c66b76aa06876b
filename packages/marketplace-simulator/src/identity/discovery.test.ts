import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_TENANT_ID } from "../constants";
import { SIMULATOR_MIGRATIONS } from "../database";
import { CONTOSO_TENANT_ID } from "../seed-data";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { getSigningKey } from "./keys";
import { signToken } from "./tokens";
import { startSimulatorServer, type SimulatorServer } from "./testing/simulator-server";
import { openPostgres } from "../testing/postgres";

describe.each(testDatabases("both"))("discovery and signing keys on %s", (kind) => {
  let t: TestDatabase;
  let server: SimulatorServer;
  const base = () => `${server.origin}/api/simulator`;
  const getJson = async (path: string) => {
    const res = await fetch(`${base()}${path}`);
    return { status: res.status, headers: res.headers, body: await res.json() };
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind, { extraMigrations: [SIMULATOR_MIGRATIONS] });
    server = await startSimulatorServer(t.db);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it("publishes Entra's v2 OpenID configuration for a tenant, with its issuer exactly", async () => {
    const { status, body } = await getJson(`/${SIMULATOR_TENANT_ID}/v2.0/.well-known/openid-configuration`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      issuer: `https://login.simulator.invalid/${SIMULATOR_TENANT_ID}/v2.0`,
      authorization_endpoint: `${base()}/${SIMULATOR_TENANT_ID}/oauth2/v2.0/authorize`,
      token_endpoint: `https://login.simulator.invalid/${SIMULATOR_TENANT_ID}/oauth2/v2.0/token`,
      jwks_uri: `${base()}/${SIMULATOR_TENANT_ID}/discovery/v2.0/keys`,
      end_session_endpoint: `${base()}/${SIMULATOR_TENANT_ID}/oauth2/v2.0/logout`,
      userinfo_endpoint: `https://login.simulator.invalid/${SIMULATOR_TENANT_ID}/oidc/userinfo`,
      response_types_supported: ["code"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      code_challenge_methods_supported: expect.arrayContaining(["S256"]),
      scopes_supported: expect.arrayContaining(["openid", "profile", "email"]),
      claims_supported: expect.arrayContaining(["sub", "iss", "aud", "tid", "oid", "nonce", "preferred_username", "email", "name"]),
    });
  });

  it("gives `common` and `organizations` the {tenantid} issuer template, as Entra does", async () => {
    for (const authority of ["common", "organizations"]) {
      const { body } = await getJson(`/${authority}/v2.0/.well-known/openid-configuration`);
      expect(body.issuer).toBe("https://login.simulator.invalid/{tenantid}/v2.0");
      expect(body.authorization_endpoint).toBe(`${base()}/${authority}/oauth2/v2.0/authorize`);
    }
  });

  it("publishes the v1 configuration with the sts-style issuer", async () => {
    const { body } = await getJson(`/${SIMULATOR_TENANT_ID}/.well-known/openid-configuration`);
    expect(body).toMatchObject({
      issuer: `https://sts.simulator.invalid/${SIMULATOR_TENANT_ID}/`,
      token_endpoint: `https://login.simulator.invalid/${SIMULATOR_TENANT_ID}/oauth2/token`,
      jwks_uri: `${base()}/${SIMULATOR_TENANT_ID}/discovery/keys`,
    });
  });

  it("serves one RSA key in both JWKS forms, and tokens verify against it", async () => {
    const v2 = await getJson(`/${CONTOSO_TENANT_ID}/discovery/v2.0/keys`);
    const v1 = await getJson(`/${CONTOSO_TENANT_ID}/discovery/keys`);
    expect(v2.status).toBe(200);
    expect(v2.body).toEqual(v1.body);
    expect(v2.body.keys).toHaveLength(1);
    const [jwk] = v2.body.keys;
    expect(jwk).toMatchObject({ kty: "RSA", use: "sig", alg: "RS256", kid: (await getSigningKey(t.db)).kid, e: "AQAB" });
    expect(jwk).not.toHaveProperty("d");
    expect(jwk).not.toHaveProperty("p");

    const { token } = await signToken(t.db, { aud: "x", iss: "y" }, { now: new Date() });
    const { jwks_uri } = (await getJson(`/${SIMULATOR_TENANT_ID}/v2.0/.well-known/openid-configuration`)).body;
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(jwks_uri)), { audience: "x", issuer: "y" });
    expect(payload.uti).toEqual(expect.any(String));
  });

  it("refuses unknown tenants like Entra, and unknown paths and methods", async () => {
    const unknown = await getJson(`/0badbad0-0000-4000-8000-000000000000/v2.0/.well-known/openid-configuration`);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: "invalid_tenant", error_description: expect.stringMatching(/^AADSTS90002: /) });
    expect((await getJson(`/0badbad0-0000-4000-8000-000000000000/discovery/v2.0/keys`)).status).toBe(400);
    expect((await fetch(`${base()}/${SIMULATOR_TENANT_ID}/nothing/here`)).status).toBe(404);
    expect((await fetch(`${base()}/${SIMULATOR_TENANT_ID}/discovery/v2.0/keys`, { method: "POST" })).status).toBe(405);
  });

  it("keeps one key per database: generated once, then read back by every handle", async () => {
    const first = await getSigningKey(t.db);
    // A transaction is another handle object, so this reads the stored row instead of the cache.
    const again = await t.db.transaction((tx) => getSigningKey(tx));
    expect(again.kid).toBe(first.kid);
    expect(again.publicJwk).toEqual(first.publicJwk);
  });

  it.runIf(kind === "postgres")("gives two app instances starting together the same key", async () => {
    const fresh = await createTestDatabase("postgres", { extraMigrations: [SIMULATOR_MIGRATIONS] });
    const a = openPostgres(fresh.url!, 2);
    const b = openPostgres(fresh.url!, 2);
    try {
      const [ka, kb] = await Promise.all([getSigningKey(a.db), getSigningKey(b.db)]);
      expect(ka.kid).toBe(kb.kid);
      const c = openPostgres(fresh.url!, 1);
      expect((await getSigningKey(c.db)).kid).toBe(ka.kid);
      await c.close();
    } finally {
      await a.close();
      await b.close();
      await fresh.close();
    }
  });
});
