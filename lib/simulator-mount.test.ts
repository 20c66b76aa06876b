import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { simulatorDatabaseConfig, simulatorOptionsFor } from "@/lib/simulator-mount";

describe("the simulator's mount", () => {
  it("shares PostgreSQL and in-memory PGlite, and moves file-backed PGlite to a sibling folder", () => {
    expect(simulatorDatabaseConfig({ kind: "postgres", url: "postgres://x/db" })).toEqual({ kind: "postgres", url: "postgres://x/db" });
    expect(simulatorDatabaseConfig({ kind: "pglite", dir: "memory://" })).toEqual({ kind: "pglite", dir: "memory://" });
    expect(simulatorDatabaseConfig({ kind: "pglite", dir: ".data/pglite/" })).toEqual({ kind: "pglite", dir: ".data/pglite-simulator" });
  });

  it("gives the simulator the portal's origin, modes and webhook identity", () => {
    const env = parseEnv({
      NODE_ENV: "test",
      PUBLIC_BASE_URL: "https://portal.example/",
      WEBHOOK_AUDIENCE: "11111111-1111-4111-8111-111111111111",
    });
    const options = simulatorOptionsFor(env);
    expect(options).toMatchObject({
      portalOrigin: env.publicBaseUrl,
      apiEnabled: true,
      identityEnabled: true,
      webhook: { audience: "11111111-1111-4111-8111-111111111111", tenantId: env.webhook.tenantId },
    });
    expect(env.publicBaseUrl).toBe("https://portal.example");
  });
});
