import { describe, expect, it, vi } from "vitest";
import SimulatorSignInPage from "@/app/(dev)/simulator/sign-in/page";
import { GET, POST } from "./route";
import { SIMULATOR_TENANT_ID } from "marketplace-simulator/constants";

// A portal configured for Microsoft's live API: the simulator must not exist.
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  const live = actual.parseEnv({
    NODE_ENV: "test",
    MARKETPLACE_TENANT_ID: "11111111-1111-4111-8111-111111111111",
    MARKETPLACE_CLIENT_ID: "22222222-2222-4222-8222-222222222222",
    MARKETPLACE_CLIENT_SECRET: "secret",
    AUTH_ENTRA_CLIENT_ID: "33333333-3333-4333-8333-333333333333",
    AUTH_ENTRA_CLIENT_SECRET: "entra-secret",
    AUTH_SECRET: "s".repeat(40),
  });
  return { ...actual, getEnv: () => live };
});

describe("outside simulator mode", () => {
  it.each([
    ["GET", "/saas/subscriptions?api-version=2018-08-31"],
    ["POST", "/usageEvent?api-version=2018-08-31"],
    ["GET", "/_sim/offers"],
    ["POST", "/_sim/purchases"],
    ["POST", "/_sim/reset"],
  ])("answers 404 to %s %s", async (method, path) => {
    const res = await (method === "GET" ? GET : POST)(new Request(`http://localhost:3000/api/simulator${path}`, { method }));
    expect(res.status).toBe(404);
  });

  // The Entra look-alike would let anyone pick any buyer or staff identity: none of its
  // endpoints, nor the account picker page, may be reachable in live mode.
  it.each([
    ["GET", `${SIMULATOR_TENANT_ID}/v2.0/.well-known/openid-configuration`],
    ["GET", "common/v2.0/.well-known/openid-configuration"],
    ["GET", `${SIMULATOR_TENANT_ID}/discovery/v2.0/keys`],
    ["GET", "organizations/oauth2/v2.0/authorize?client_id=x&response_type=code"],
    ["POST", "common/login"],
    ["POST", `${SIMULATOR_TENANT_ID}/oauth2/v2.0/token`],
    ["GET", `${SIMULATOR_TENANT_ID}/oidc/userinfo`],
  ])("answers 404 to the identity endpoint %s %s", async (method, path) => {
    const res = await (method === "GET" ? GET : POST)(new Request(`http://localhost:3000/api/simulator/${path}`, { method }));
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("Not Found");
  });

  it("has no account picker page", async () => {
    await expect(SimulatorSignInPage({ searchParams: Promise.resolve({ request: "anything" }) })).rejects.toMatchObject({
      digest: expect.stringMatching(/NEXT_HTTP_ERROR_FALLBACK;404/),
    });
  });
});
