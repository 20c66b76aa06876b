import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_SIGNIN_CLIENT_ID, SIMULATOR_TENANT_ID } from "../constants";
import { SIMULATOR_MIGRATIONS } from "../database";
import { CONTOSO_TENANT_ID, FABRIKAM_TENANT_ID } from "../seed-data";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { describeSignInRequest } from "./picker";
import { sealSignInRequest } from "./sign-in-request";

describe.each(testDatabases("one"))("account picker on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind, { extraMigrations: [SIMULATOR_MIGRATIONS] });
  });
  afterAll(async () => t?.close());

  const seal = (authority: string, now = new Date()) =>
    sealSignInRequest(
      t.db,
      {
        authority,
        client_id: SIMULATOR_SIGNIN_CLIENT_ID,
        redirect_uri: "http://localhost:3000/api/auth/callback/microsoft-entra-id",
        scope: "openid",
        code_challenge: "x".repeat(43),
        code_challenge_method: "S256",
        login_hint: "kim@fabrikam.example",
      },
      now,
    );

  it("offers everyone under `common`, grouped by tenant, buyers and staff alike", async () => {
    const model = await describeSignInRequest(t.db, await seal("common"), new Date());
    if (!model.ok) throw new Error(model.reason);
    expect(model).toMatchObject({
      action: "/api/simulator/common/login",
      appName: "Portal sign-in",
      returnsTo: "localhost:3000",
      loginHint: "kim@fabrikam.example",
    });
    expect(Object.fromEntries(model.groups.map((g) => [g.tenantId, g.people.map((p) => p.email)]))).toEqual({
      [CONTOSO_TENANT_ID]: ["alex@contoso.example", "sam@contoso.example"],
      [FABRIKAM_TENANT_ID]: ["kim@fabrikam.example"],
      [SIMULATOR_TENANT_ID]: ["owner@isv.example", "operator@isv.example", "viewer@isv.example"],
    });
  });

  it("offers only a tenant's own members under that tenant", async () => {
    const model = await describeSignInRequest(t.db, await seal(SIMULATOR_TENANT_ID), new Date());
    expect(model.ok && model.groups.map((g) => g.tenantName)).toEqual(["ISV (publisher)"]);
  });

  it("says why a request cannot be used", async () => {
    const sealed = await seal("common", new Date(Date.now() - 20 * 60_000));
    expect(await describeSignInRequest(t.db, sealed, new Date())).toEqual({ ok: false, reason: "expired" });
    expect(await describeSignInRequest(t.db, undefined, new Date())).toEqual({ ok: false, reason: "invalid" });
    expect(await describeSignInRequest(t.db, "abc.def.ghi", new Date())).toEqual({ ok: false, reason: "invalid" });
  });
});
