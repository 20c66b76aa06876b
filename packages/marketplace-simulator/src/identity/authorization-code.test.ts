import { createHash, randomBytes } from "node:crypto";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  SIMULATOR_CLIENT_ID,
  SIMULATOR_CLIENT_SECRET,
  SIMULATOR_SIGNIN_CLIENT_ID,
  SIMULATOR_SIGNIN_CLIENT_SECRET,
  SIMULATOR_TENANT_ID,
} from "../constants";
import { SIMULATOR_MIGRATIONS } from "../database";
import { CONTOSO_TENANT_ID, FABRIKAM_TENANT_ID } from "../seed-data";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { startSimulatorServer, type SimulatorServer } from "./testing/simulator-server";

const ALEX = { email: "alex@contoso.example", oid: "c0a70500-a1e0-4000-8000-000000000011" };

describe.each(testDatabases("both"))("authorization-code sign-in on %s", (kind) => {
  let t: TestDatabase;
  let server: SimulatorServer;
  let clockOffsetMs = 0;
  const base = () => `${server.origin}/api/simulator`;
  const callback = () => `${server.origin}/api/auth/callback/microsoft-entra-id`;

  beforeAll(async () => {
    t = await createTestDatabase(kind, { extraMigrations: [SIMULATOR_MIGRATIONS] });
    server = await startSimulatorServer(t.db, { now: () => new Date(Date.now() + clockOffsetMs) });
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });
  beforeEach(() => {
    clockOffsetMs = 0;
  });

  function pkce() {
    const verifier = randomBytes(32).toString("base64url");
    return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
  }

  async function authorize(params: Record<string, string>, authority = "common") {
    const url = new URL(`${base()}/${authority}/oauth2/v2.0/authorize`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return fetch(url, { redirect: "manual" });
  }

  async function pick(sealed: string, fields: Record<string, string>, authority = "common") {
    return fetch(`${base()}/${authority}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ request: sealed, ...fields }),
    });
  }

  /** Runs authorize and the picker; returns the code the app's callback would receive. */
  async function signIn(
    opts: { email?: string; authority?: string; nonce?: string; redirectUri?: string; method?: "S256" | "plain" } = {},
  ) {
    const authority = opts.authority ?? "common";
    const { verifier, challenge } = pkce();
    const state = randomBytes(8).toString("hex");
    const redirectUri = opts.redirectUri ?? callback();
    const res = await authorize(
      {
        client_id: SIMULATOR_SIGNIN_CLIENT_ID,
        redirect_uri: redirectUri,
        response_type: "code",
        scope: "openid profile email User.Read",
        state,
        code_challenge: opts.method === "plain" ? verifier : challenge,
        code_challenge_method: opts.method ?? "S256",
        ...(opts.nonce ? { nonce: opts.nonce } : {}),
      },
      authority,
    );
    expect(res.status).toBe(302);
    const picker = new URL(res.headers.get("location")!);
    expect(`${picker.origin}${picker.pathname}`).toBe(`${server.origin}/simulator/sign-in`);
    const chosen = await pick(picker.searchParams.get("request")!, { login_hint: opts.email ?? ALEX.email }, authority);
    expect(chosen.status).toBe(303);
    const back = new URL(chosen.headers.get("location")!);
    expect(back.searchParams.get("state")).toBe(state);
    return { code: back.searchParams.get("code")!, verifier, back, redirectUri, authority };
  }

  async function redeem(fields: Record<string, string>, authority = "common") {
    const res = await fetch(`${base()}/${authority}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: SIMULATOR_SIGNIN_CLIENT_ID,
        client_secret: SIMULATOR_SIGNIN_CLIENT_SECRET,
        redirect_uri: callback(),
        ...fields,
      }),
    });
    return { status: res.status, body: await res.json() };
  }

  it("signs a buyer in through `common`: an ID token from the buyer's own tenant, verifiable with the published keys", async () => {
    const { code, verifier, back } = await signIn({ nonce: "n-0S6_WzA2Mj" });
    expect(`${back.origin}${back.pathname}`).toBe(callback());
    const { status, body } = await redeem({ code, code_verifier: verifier });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600, ext_expires_in: 3600, scope: "openid profile email User.Read" });

    const discovery = await (await fetch(`${base()}/${CONTOSO_TENANT_ID}/v2.0/.well-known/openid-configuration`)).json();
    const { payload } = await jwtVerify(body.id_token, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
      issuer: discovery.issuer,
      audience: SIMULATOR_SIGNIN_CLIENT_ID,
    });
    expect(payload).toMatchObject({
      iss: `https://login.simulator.invalid/${CONTOSO_TENANT_ID}/v2.0`,
      tid: CONTOSO_TENANT_ID,
      oid: ALEX.oid,
      name: "Alex Wilber",
      preferred_username: ALEX.email,
      email: ALEX.email,
      nonce: "n-0S6_WzA2Mj",
      ver: "2.0",
    });
    expect(payload.sub).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(payload.sub).not.toBe(ALEX.oid);
    expect(payload.exp! - payload.iat!).toBe(3600);

    expect(decodeJwt(body.access_token)).toMatchObject({
      aud: "00000003-0000-0000-c000-000000000000",
      oid: ALEX.oid,
      appid: SIMULATOR_SIGNIN_CLIENT_ID,
    });
    const info = await fetch(`${base()}/${CONTOSO_TENANT_ID}/oidc/userinfo`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(info.status).toBe(200);
    expect(await info.json()).toEqual({
      sub: payload.sub,
      name: "Alex Wilber",
      given_name: "Alex",
      family_name: "Wilber",
      email: ALEX.email,
    });
    const refused = await fetch(`${base()}/${CONTOSO_TENANT_ID}/oidc/userinfo`, { headers: { authorization: `Bearer ${body.id_token}` } });
    expect(refused.status).toBe(401);
  });

  it("keeps each person's objectId and tenant stable, and a tenant's authority to its own members", async () => {
    const staff = await signIn({ email: "owner@isv.example", authority: SIMULATOR_TENANT_ID });
    const staffTokens = await redeem({ code: staff.code, code_verifier: staff.verifier }, SIMULATOR_TENANT_ID);
    const claims = decodeJwt(staffTokens.body.id_token);
    expect(claims).toMatchObject({
      tid: SIMULATOR_TENANT_ID,
      iss: `https://login.simulator.invalid/${SIMULATOR_TENANT_ID}/v2.0`,
      email: "owner@isv.example",
    });

    const again = await signIn({ email: "owner@isv.example" });
    expect(decodeJwt((await redeem({ code: again.code, code_verifier: again.verifier })).body.id_token).oid).toBe(claims.oid);

    const res = await authorize(
      {
        client_id: SIMULATOR_SIGNIN_CLIENT_ID,
        redirect_uri: callback(),
        response_type: "code",
        scope: "openid",
        code_challenge: pkce().challenge,
        code_challenge_method: "S256",
      },
      CONTOSO_TENANT_ID,
    );
    const sealed = new URL(res.headers.get("location")!).searchParams.get("request")!;
    const outsider = await pick(sealed, { login_hint: "kim@fabrikam.example" }, CONTOSO_TENANT_ID);
    expect(outsider.status).toBe(400);
    expect(await outsider.text()).toContain("AADSTS50020");
    const kim = await signIn({ email: "kim@fabrikam.example", authority: FABRIKAM_TENANT_ID });
    expect(decodeJwt((await redeem({ code: kim.code, code_verifier: kim.verifier }, FABRIKAM_TENANT_ID)).body.id_token).tid).toBe(
      FABRIKAM_TENANT_ID,
    );
  });

  it("refuses a wrong PKCE verifier, and the code is spent afterwards", async () => {
    const { code, verifier } = await signIn();
    const wrong = await redeem({ code, code_verifier: pkce().verifier });
    expect(wrong).toMatchObject({ status: 400, body: { error: "invalid_grant", error_codes: [501481] } });
    expect((await redeem({ code, code_verifier: verifier })).body.error_codes).toEqual([54005]);
    const none = await signIn();
    expect((await redeem({ code: none.code })).body.error_codes).toEqual([501491]);
  });

  it("supports the plain PKCE method", async () => {
    const { code, verifier } = await signIn({ method: "plain" });
    expect((await redeem({ code, code_verifier: verifier })).status).toBe(200);
  });

  it("redeems a code only once", async () => {
    const { code, verifier } = await signIn();
    expect((await redeem({ code, code_verifier: verifier })).status).toBe(200);
    expect(await redeem({ code, code_verifier: verifier })).toMatchObject({
      status: 400,
      body: { error: "invalid_grant", error_codes: [54005] },
    });
    expect((await redeem({ code: "made-up", code_verifier: verifier })).body.error).toBe("invalid_grant");
  });

  it("lets only one of two simultaneous redemptions of a code through", async () => {
    const { code, verifier } = await signIn();
    const results = await Promise.all([redeem({ code, code_verifier: verifier }), redeem({ code, code_verifier: verifier })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it("refuses an expired code", async () => {
    const { code, verifier } = await signIn();
    clockOffsetMs = 301_000;
    expect(await redeem({ code, code_verifier: verifier })).toMatchObject({
      status: 400,
      body: { error: "invalid_grant", error_codes: [70008] },
    });
  });

  it("refuses a code redeemed with another redirect_uri or by another app", async () => {
    const first = await signIn();
    const other = await redeem({ code: first.code, code_verifier: first.verifier, redirect_uri: `${server.origin}/elsewhere` });
    expect(other).toMatchObject({ status: 400, body: { error: "invalid_grant", error_codes: [500112] } });
    const second = await signIn({ authority: SIMULATOR_TENANT_ID, email: "viewer@isv.example" });
    const stolen = await redeem(
      { code: second.code, code_verifier: second.verifier, client_id: SIMULATOR_CLIENT_ID, client_secret: SIMULATOR_CLIENT_SECRET },
      SIMULATOR_TENANT_ID,
    );
    expect(stolen.body.error_codes).toEqual([70000]);
  });

  it("shows an error page, never a redirect, for an unknown app or an unregistered redirect_uri", async () => {
    const valid = {
      client_id: SIMULATOR_SIGNIN_CLIENT_ID,
      redirect_uri: callback(),
      response_type: "code",
      scope: "openid",
      code_challenge: pkce().challenge,
      code_challenge_method: "S256",
    };
    const cases: Array<[Record<string, string>, string, string?]> = [
      [{ ...valid, redirect_uri: "https://attacker.example/callback" }, "AADSTS50011"],
      [{ ...valid, redirect_uri: "not a url" }, "AADSTS50011"],
      [{ ...valid, client_id: "00000000-0000-4000-8000-000000000000" }, "AADSTS700016"],
      [{ ...valid, client_id: SIMULATOR_CLIENT_ID }, "AADSTS50194"],
      [valid, "AADSTS90002", "0badbad0-0000-4000-8000-000000000000"],
    ];
    for (const [params, code, authority] of cases) {
      const res = await authorize(params, authority);
      expect(res.status, code).toBe(400);
      expect(res.headers.get("location")).toBeNull();
      expect(await res.text()).toContain(code);
    }
  });

  it("sends request errors back to a registered redirect_uri with the state", async () => {
    const valid = {
      client_id: SIMULATOR_SIGNIN_CLIENT_ID,
      redirect_uri: callback(),
      response_type: "code",
      scope: "openid",
      state: "s1",
      code_challenge: pkce().challenge,
      code_challenge_method: "S256",
    };
    const { code_challenge: _omit, ...noChallenge } = valid;
    const cases: Array<[Record<string, string>, string]> = [
      [noChallenge, "invalid_request"],
      [{ ...valid, code_challenge_method: "S512" }, "invalid_request"],
      [{ ...valid, response_type: "token" }, "unsupported_response_type"],
      [{ ...valid, scope: "" }, "invalid_request"],
      [{ ...valid, response_mode: "fragment" }, "invalid_request"],
    ];
    for (const [params, error] of cases) {
      const res = await authorize(params);
      expect(res.status).toBe(302);
      const back = new URL(res.headers.get("location")!);
      expect(`${back.origin}${back.pathname}`).toBe(callback());
      expect(back.searchParams.get("error")).toBe(error);
      expect(back.searchParams.get("error_description")).toMatch(/^AADSTS\d+: /);
      expect(back.searchParams.get("state")).toBe("s1");
    }
  });

  it("returns access_denied when the person cancels, and refuses a tampered or expired picker request", async () => {
    const res = await authorize({
      client_id: SIMULATOR_SIGNIN_CLIENT_ID,
      redirect_uri: callback(),
      response_type: "code",
      scope: "openid",
      state: "s2",
      code_challenge: pkce().challenge,
    });
    const sealed = new URL(res.headers.get("location")!).searchParams.get("request")!;
    const cancelled = await pick(sealed, { cancel: "1" });
    const back = new URL(cancelled.headers.get("location")!);
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("s2");

    const tampered = `${sealed.slice(0, -4)}AAAA`;
    expect((await pick(tampered, { login_hint: ALEX.email })).status).toBe(400);
    expect((await pick(sealed, { login_hint: ALEX.email }, SIMULATOR_TENANT_ID)).status).toBe(400);
    clockOffsetMs = 16 * 60_000;
    const expired = await pick(sealed, { login_hint: ALEX.email });
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain("AADSTS50058");
  });

  it("signs out back to the portal only", async () => {
    const ok = await fetch(`${base()}/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(`${server.origin}/`)}`, {
      redirect: "manual",
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`${server.origin}/`);
    const elsewhere = await fetch(`${base()}/common/oauth2/v2.0/logout?post_logout_redirect_uri=https://attacker.example/`, {
      redirect: "manual",
    });
    expect(elsewhere.status).toBe(200);
  });
});
