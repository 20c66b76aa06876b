import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MARKETPLACE_APP_ID,
  SIMULATOR_CLIENT_ID,
  SIMULATOR_CLIENT_SECRET,
  SIMULATOR_SIGNIN_CLIENT_ID,
  SIMULATOR_SIGNIN_CLIENT_SECRET,
  SIMULATOR_TENANT_ID,
} from "../constants";
import { SIMULATOR_MIGRATIONS } from "../database";
import { configureSimulator, defaultSimulatorOptions } from "../options";
import { CONTOSO_TENANT_ID } from "../seed-data";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { handleIdentityRequest, simulatorIssuer, verifyPublisherToken } from ".";
import { getSigningKey } from "./keys";
import { appTokenClaims, signToken } from "./tokens";

describe.each(testDatabases("one"))("verifyPublisherToken on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind, { extraMigrations: [SIMULATOR_MIGRATIONS] });
    configureSimulator(defaultSimulatorOptions("http://localhost:3000", () => t));
  });
  afterAll(async () => t?.close());

  async function clientCredentials(version: "v1" | "v2", clientId = SIMULATOR_CLIENT_ID, secret = SIMULATOR_CLIENT_SECRET) {
    const fields = { grant_type: "client_credentials", client_id: clientId, client_secret: secret };
    const request = new Request(
      `http://localhost:3000/api/simulator/${SIMULATOR_TENANT_ID}/oauth2/${version === "v2" ? "v2.0/" : ""}token`,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(
          version === "v2" ? { ...fields, scope: `${MARKETPLACE_APP_ID}/.default` } : { ...fields, resource: MARKETPLACE_APP_ID },
        ),
      },
    );
    const res = await handleIdentityRequest(
      request,
      SIMULATOR_TENANT_ID,
      version === "v2" ? ["oauth2", "v2.0", "token"] : ["oauth2", "token"],
      { db: t.db },
    );
    return ((await res.json()) as { access_token: string }).access_token;
  }

  it("accepts the publisher app's token from either endpoint, with or without the Bearer prefix", async () => {
    const v2 = await clientCredentials("v2");
    expect(await verifyPublisherToken(t.db, v2)).toBe("ok");
    expect(await verifyPublisherToken(t.db, `Bearer ${v2}`)).toBe("ok");
    expect(await verifyPublisherToken(t.db, await clientCredentials("v1"))).toBe("ok");
  });

  it("calls a genuine token for another resource, tenant or app a wrong audience (403)", async () => {
    const now = new Date();
    const forApp = await signToken(
      t.db,
      appTokenClaims({
        audience: SIMULATOR_CLIENT_ID,
        issuer: simulatorIssuer(SIMULATOR_TENANT_ID),
        tenantId: SIMULATOR_TENANT_ID,
        callerAppId: SIMULATOR_CLIENT_ID,
        version: "v2",
      }),
      { now },
    );
    expect(await verifyPublisherToken(t.db, forApp.token)).toBe("wrong-audience");
    const otherTenant = await signToken(
      t.db,
      appTokenClaims({
        audience: MARKETPLACE_APP_ID,
        issuer: simulatorIssuer(CONTOSO_TENANT_ID),
        tenantId: CONTOSO_TENANT_ID,
        callerAppId: SIMULATOR_CLIENT_ID,
        version: "v2",
      }),
      { now },
    );
    expect(await verifyPublisherToken(t.db, otherTenant.token)).toBe("wrong-audience");
    expect(
      await verifyPublisherToken(t.db, await clientCredentials("v2", SIMULATOR_SIGNIN_CLIENT_ID, SIMULATOR_SIGNIN_CLIENT_SECRET)),
    ).toBe("wrong-audience");
  });

  it("calls expired, foreign-signed, mis-issued or malformed tokens invalid (401)", async () => {
    const token = await clientCredentials("v2");
    expect(await verifyPublisherToken(t.db, token, { now: () => new Date(Date.now() + 3600_000 + 120_000) })).toBe("invalid");
    expect(await verifyPublisherToken(t.db, token, { now: () => new Date(Date.now() - 120_000) })).toBe("invalid");

    const claims = appTokenClaims({
      audience: MARKETPLACE_APP_ID,
      issuer: simulatorIssuer(SIMULATOR_TENANT_ID),
      tenantId: SIMULATOR_TENANT_ID,
      callerAppId: SIMULATOR_CLIENT_ID,
      version: "v2",
    });
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: (await getSigningKey(t.db)).kid })
      .setIssuedAt()
      .setNotBefore("0s")
      .setExpirationTime("1h")
      .sign(privateKey);
    expect(await verifyPublisherToken(t.db, forged)).toBe("invalid");

    const wrongIssuer = await signToken(
      t.db,
      { ...claims, iss: `https://login.microsoftonline.com/${SIMULATOR_TENANT_ID}/v2.0` },
      { now: new Date() },
    );
    expect(await verifyPublisherToken(t.db, wrongIssuer.token)).toBe("invalid");

    const unsigned = `${token.split(".").slice(0, 2).join(".")}.`;
    for (const bad of ["", "Bearer ", "not-a-jwt", unsigned]) expect(await verifyPublisherToken(t.db, bad)).toBe("invalid");
  });
});
