import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ModeBanner } from "@/components/mode-banner";
import { parseEnv } from "@/lib/env";
import { migratedPgliteFolder } from "@/test/db";

// Which identity provider signs people in must be visible: on every page's banner (outside live
// mode) and in /api/health (everywhere, for monitoring).
const LIVE = {
  MARKETPLACE_TENANT_ID: "11111111-1111-4111-8111-111111111111",
  MARKETPLACE_CLIENT_ID: "22222222-2222-4222-8222-222222222222",
  MARKETPLACE_CLIENT_SECRET: "secret",
};
const ENTRA = {
  AUTH_ENTRA_CLIENT_ID: "33333333-3333-4333-8333-333333333333",
  AUTH_ENTRA_CLIENT_SECRET: "entra-secret",
  AUTH_SECRET: "s".repeat(40),
};
const EMULATOR = { MARKETPLACE_API_BASE_URL: "http://localhost:3978/api" };

const banner = (raw: Record<string, string>) => renderToStaticMarkup(createElement(ModeBanner, { env: parseEnv(raw) }));

describe("the mode banner", () => {
  it("names the simulator's sign-in, or Entra's, in simulator and emulator mode", () => {
    expect(banner({})).toMatch(/Simulator mode\..*Sign-in: the simulator(&#x27;|')s accounts/);
    expect(banner(ENTRA)).toMatch(/Simulator mode\..*Sign-in: Microsoft Entra ID\./);
    expect(banner(EMULATOR)).toMatch(/Emulator mode\..*Sign-in: the simulator(&#x27;|')s accounts/);
    expect(banner({ ...EMULATOR, ...ENTRA })).toMatch(/Emulator mode\..*Sign-in: Microsoft Entra ID\./);
  });

  it("stays out of the way in live mode", () => {
    expect(banner({ ...LIVE, ...ENTRA })).toBe("");
  });
});

describe("/api/health", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "portal-health-"));
  // One database for every case (the handle lives on globalThis), a copy of the run's migrated template.
  beforeAll(async () => {
    await migratedPgliteFolder(path.join(dir, "pglite"));
    vi.stubEnv("PGLITE_DIR", path.join(dir, "pglite"));
    await (await import("@/db")).getDatabase();
  }, 120_000);
  beforeEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules(); // lib/env.ts parses the environment once per module instance
    vi.stubEnv("PGLITE_DIR", path.join(dir, "pglite"));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await (await (await import("@/db")).getDatabase()).close();
    rmSync(dir, { recursive: true, force: true });
  });

  const health = async (raw: Record<string, string>) => {
    for (const [k, v] of Object.entries(raw)) vi.stubEnv(k, v);
    const { GET } = await import("@/app/api/health/route");
    const res = await GET();
    expect(res.status).toBe(200);
    return res.json();
  };

  it.each([
    ["simulator", {}, "simulator"],
    ["simulator with an Entra sign-in app", ENTRA, "entra"],
    ["emulator", EMULATOR, "simulator"],
    ["live", { ...LIVE, ...ENTRA }, "entra"],
  ] as const)("says which identity provider signs people in (%s)", async (_name, raw, signIn) => {
    expect(await health(raw)).toMatchObject({ status: "ok", signIn });
  });
});
