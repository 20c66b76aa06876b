import { Auth, type AuthConfig } from "@auth/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getEnv, type Env } from "@/lib/env";
import { entraProvider } from "@/lib/auth/provider";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import {
  SIMULATOR_LOGIN_HOST,
  SIMULATOR_SIGNIN_CLIENT_ID,
  SIMULATOR_SIGNIN_CLIENT_SECRET,
  SIMULATOR_TENANT_ID,
} from "marketplace-simulator/constants";
import { SIMULATOR_MIGRATIONS, CONTOSO_TENANT_ID, startSimulatorServer, type SimulatorServer } from "marketplace-simulator/testing";

// next-auth's entry imports "next/server", which only resolves inside Next; the provider needs
// nothing from it but the `customFetch` symbol, which next-auth re-exports from @auth/core.
vi.mock("next-auth", async () => ({ customFetch: (await import("@auth/core")).customFetch }));

/**
 * The portal's own Auth.js provider (Microsoft Entra ID, with the look-alike host rewritten)
 * against the look-alike over real HTTP: discovery, PKCE, the `{tenantid}` issuer of `common`,
 * and the re-discovery Auth.js does for the tenant named in the ID token.
 */
describe.each(testDatabases("one"))("Auth.js sign-in against the look-alike on %s", (kind) => {
  let t: TestDatabase;
  let server: SimulatorServer;

  beforeAll(async () => {
    t = await createTestDatabase(kind, { extraMigrations: [SIMULATOR_MIGRATIONS] });
    server = await startSimulatorServer(t.db);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  class Jar {
    private cookies = new Map<string, string>();
    take(res: Response) {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const i = pair!.indexOf("=");
        this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
      }
    }
    get header() {
      return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    }
  }

  async function signIn(authority: string, email: string) {
    const env: Env = {
      ...getEnv(),
      auth: {
        ...getEnv().auth,
        provider: "simulator",
        clientId: SIMULATOR_SIGNIN_CLIENT_ID,
        clientSecret: SIMULATOR_SIGNIN_CLIENT_SECRET,
        issuer: `${SIMULATOR_LOGIN_HOST}/${authority}/v2.0`,
        simulatorOrigin: `${server.origin}/api/simulator`,
      },
    };
    const profiles: Record<string, unknown>[] = [];
    const errors: unknown[] = [];
    const config: AuthConfig = {
      providers: [entraProvider(env)],
      secret: "a-test-secret-that-is-at-least-32-characters",
      trustHost: true,
      basePath: "/api/auth",
      logger: { error: (e) => errors.push(e), warn: () => {}, debug: () => {} },
      callbacks: {
        signIn({ profile }) {
          if (profile) profiles.push(profile);
          return true;
        },
      },
    };
    const auth = (path: string, init: RequestInit = {}) =>
      Auth(new Request(`${server.origin}/api/auth${path}`, { ...init, headers: { ...init.headers, cookie: jar.header } }), config);
    const jar = new Jar();

    const csrf = await auth("/csrf");
    jar.take(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const start = await auth("/signin/microsoft-entra-id", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${server.origin}/landing` }),
    });
    jar.take(start);
    expect(start.status, JSON.stringify(errors)).toBe(302);
    const authorizeUrl = new URL(start.headers.get("location")!);
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${server.origin}/api/simulator/${authority}/oauth2/v2.0/authorize`);
    expect(authorizeUrl.searchParams.get("code_challenge_method")).toBe("S256");

    const picker = await fetch(authorizeUrl, { redirect: "manual" });
    const sealed = new URL(picker.headers.get("location")!).searchParams.get("request")!;
    const chosen = await fetch(`${server.origin}/api/simulator/${authority}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ request: sealed, login_hint: email }),
    });
    const back = new URL(chosen.headers.get("location")!);
    const done = await auth(`${back.pathname.replace("/api/auth", "")}${back.search}`);
    jar.take(done);
    expect(errors).toEqual([]);
    expect(done.headers.get("location")).toBe(`${server.origin}/landing`);
    const session = (await (await auth("/session")).json()) as { user?: { email?: string; name?: string } };
    return { profile: profiles[0], session };
  }

  it("signs a buyer in through `common`, with the buyer's tenant as issuer and tid", async () => {
    const { profile, session } = await signIn("common", "sam@contoso.example");
    expect(profile).toMatchObject({
      iss: `${SIMULATOR_LOGIN_HOST}/${CONTOSO_TENANT_ID}/v2.0`,
      tid: CONTOSO_TENANT_ID,
      oid: "c0a70500-5a30-4000-8000-000000000012",
      email: "sam@contoso.example",
      aud: SIMULATOR_SIGNIN_CLIENT_ID,
    });
    expect(session.user).toMatchObject({ email: "sam@contoso.example", name: "Sam Taylor" });
    // Auth.js re-read the discovery document of the tenant the ID token names.
    expect(server.log).toContain(`GET /api/simulator/${CONTOSO_TENANT_ID}/v2.0/.well-known/openid-configuration`);
  });

  it("signs staff in through the ISV's own tenant", async () => {
    const { profile } = await signIn(SIMULATOR_TENANT_ID, "operator@isv.example");
    expect(profile).toMatchObject({
      tid: SIMULATOR_TENANT_ID,
      iss: `${SIMULATOR_LOGIN_HOST}/${SIMULATOR_TENANT_ID}/v2.0`,
      email: "operator@isv.example",
    });
  });
});
