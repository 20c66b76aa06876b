import { describe, expect, it, vi } from "vitest";
import { SIMULATOR_TENANT_ID } from "@/lib/env";
import { handleSimulatorRequest } from "./api";

// A portal configured for Microsoft's live API: the simulator must not exist.
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  const live = actual.parseEnv({
    NODE_ENV: "test",
    MARKETPLACE_TENANT_ID: "11111111-1111-4111-8111-111111111111",
    MARKETPLACE_CLIENT_ID: "22222222-2222-4222-8222-222222222222",
    MARKETPLACE_CLIENT_SECRET: "secret",
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
    const res = await handleSimulatorRequest(new Request(`http://localhost:3000/api/simulator${path}`, { method }));
    expect(res.status).toBe(404);
  });

  it("still routes a tenant segment to the identity provider, which decides for itself", async () => {
    const res = await handleSimulatorRequest(new Request(`http://localhost:3000/api/simulator/${SIMULATOR_TENANT_ID}/nothing-here`));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).not.toMatch(/text\/plain/);
  });
});
