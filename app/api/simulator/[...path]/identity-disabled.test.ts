import { afterAll, describe, expect, it, vi } from "vitest";
import { getEnv, SIMULATOR_TENANT_ID } from "@/lib/env";
import { GET, POST } from "./route";

// Emulator mode with a registered Entra sign-in app: nothing is left for the look-alike to do.
vi.stubEnv("MARKETPLACE_API_BASE_URL", "http://localhost:3978/api");
vi.stubEnv("AUTH_ENTRA_CLIENT_ID", "0e5d1a7e-0000-4000-8000-0000000000a1");
vi.stubEnv("AUTH_ENTRA_CLIENT_SECRET", "entra-secret");
vi.stubEnv("AUTH_SECRET", "s".repeat(40));

describe("the mounted Entra look-alike when Entra itself is configured", () => {
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it("answers 404 on every endpoint", async () => {
    expect(getEnv().simulator.identityEnabled).toBe(false);
    for (const [method, rest] of [
      ["GET", "v2.0/.well-known/openid-configuration"],
      ["GET", "discovery/v2.0/keys"],
      ["POST", "oauth2/v2.0/token"],
    ] as const) {
      const res = await (method === "GET" ? GET : POST)(
        new Request(`http://localhost:3000/api/simulator/${SIMULATOR_TENANT_ID}/${rest}`, { method }),
      );
      expect(res.status).toBe(404);
    }
  });
});
