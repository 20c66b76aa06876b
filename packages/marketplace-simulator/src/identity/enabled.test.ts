import { afterAll, describe, expect, it, vi } from "vitest";
import { getEnv, SIMULATOR_TENANT_ID } from "@/lib/env";
import { handleIdentityRequest } from ".";

// Emulator mode with a registered Entra sign-in app: nothing is left for the look-alike to do.
vi.stubEnv("MARKETPLACE_API_BASE_URL", "http://localhost:3978/api");
vi.stubEnv("AUTH_ENTRA_CLIENT_ID", "0e5d1a7e-0000-4000-8000-0000000000a1");
vi.stubEnv("AUTH_ENTRA_CLIENT_SECRET", "entra-secret");
vi.stubEnv("AUTH_SECRET", "s".repeat(40));

describe("the Entra look-alike when Entra itself is configured", () => {
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it("answers 404 on every endpoint without touching a database", async () => {
    expect(getEnv().simulator.identityEnabled).toBe(false);
    for (const rest of [["v2.0", ".well-known", "openid-configuration"], ["discovery", "v2.0", "keys"], ["oauth2", "v2.0", "token"]]) {
      const res = await handleIdentityRequest(new Request(`http://localhost:3000/api/simulator/${SIMULATOR_TENANT_ID}/${rest.join("/")}`), SIMULATOR_TENANT_ID, rest);
      expect(res.status).toBe(404);
    }
  });
});
