import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrationStatus } from "@/db/migrate";
import { runPortalCli } from "@/lib/cli/portal";
import { parseEnv, type Env } from "@/lib/env";
import { createTestDatabase, testDatabases, type TestDatabase } from "@/test/db";
import { SIMULATOR_MIGRATIONS, startSimulatorServer, type SimulatorServer } from "marketplace-simulator/testing";
import { checkCredentialExpiry, runDoctor, type DoctorCheck } from "./checks";

const byId = (checks: DoctorCheck[]) => Object.fromEntries(checks.map((c) => [c.id, c.status]));

describe.each(testDatabases("one"))("config doctor against the simulator on %s", (kind) => {
  let t: TestDatabase;
  let server: SimulatorServer;
  let env: Env;
  let healthStatus = 200;

  beforeAll(async () => {
    t = await createTestDatabase(kind, { extraMigrations: [SIMULATOR_MIGRATIONS] });
    server = await startSimulatorServer(t.db, {
      fallback: (req) => new Response("{}", { status: new URL(req.url).pathname === "/api/health" ? healthStatus : 404 }),
    });
    env = parseEnv({ PUBLIC_BASE_URL: server.origin });
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  const deps = () => ({ withDb: <T>(fn: (db: TestDatabase["db"]) => Promise<T>) => fn(t.db), timeoutMs: 5_000 });

  it("passes in simulator mode: environment, database, token, public URL and sign-in metadata", async () => {
    const checks = await runDoctor(env, deps());
    expect(checks.map((c) => [c.id, c.status, c.detail])).toEqual([
      ["environment", "pass", expect.stringContaining("simulator mode")],
      ["database", "pass", expect.stringMatching(/^reachable, \d+ migrations applied$/)],
      ["marketplace-token", "pass", expect.stringContaining("client secret")],
      ["public-url", "pass", expect.stringContaining("/api/health answered HTTP 200")],
      ["sign-in-metadata", "pass", expect.stringContaining("simulator issuer")],
    ]);
  });

  it("fails on a wrong client secret and on an unhealthy public URL", async () => {
    const wrong: Env = { ...env, marketplace: { ...env.marketplace, credential: { kind: "secret", secret: "not-the-secret" } } };
    healthStatus = 503;
    try {
      const checks = await runDoctor(wrong, deps());
      expect(byId(checks)).toEqual({
        environment: "pass",
        database: "pass",
        "marketplace-token": "fail",
        "public-url": "fail",
        "sign-in-metadata": "pass",
      });
      expect(checks.find((c) => c.id === "marketplace-token")?.detail).toMatch(/invalid_client|secret/i);
      expect(checks.find((c) => c.id === "public-url")?.detail).toMatch(/answered HTTP 503$/);
      expect(JSON.stringify(checks)).not.toContain("not-the-secret");
    } finally {
      healthStatus = 200;
    }
  });

  it("counts the migrations a database is behind: one shipped after the last it applied", async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), "portal-migrations-")), "migrations");
    cpSync(MIGRATIONS_DIR, folder, { recursive: true });
    const journalFile = path.join(folder, "meta/_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: Array<{ idx: number; when: number; tag: string }> };
    const last = journal.entries.at(-1)!;
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: "9999_next" });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(path.join(folder, "9999_next.sql"), "select 1;");
    try {
      expect(await migrationStatus(t)).toEqual({ known: journal.entries.length - 1, pending: [] });
      expect(await migrationStatus(t, { migrationsFolder: folder })).toEqual({ known: journal.entries.length, pending: ["9999_next"] });
    } finally {
      rmSync(path.dirname(folder), { recursive: true, force: true });
    }
  });

  it.runIf(kind === "postgres")("`portal doctor` prints one line per check and exits 0, or 1 with the environment's problems", async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const saved = { ...process.env };
    try {
      process.env.PORTAL_ROLE = "jobs";
      expect(await runPortalCli(["doctor"], io)).toBe(1);
      expect(lines).toEqual([expect.stringMatching(/^FAIL {2}Environment: PORTAL_ROLE must be all, web or worker/)]);

      lines.length = 0;
      delete process.env.PORTAL_ROLE;
      for (const name of Object.keys(process.env))
        if (name.startsWith("MARKETPLACE_") || name.startsWith("AUTH_")) delete process.env[name];
      Object.assign(process.env, { PUBLIC_BASE_URL: server.origin, DATABASE_URL: t.url! });
      expect(await runPortalCli(["doctor"], io)).toBe(0);
      expect(lines).toEqual([
        expect.stringMatching(/^PASS {2}Environment: valid \(simulator mode, postgres, role all\)$/),
        expect.stringMatching(/^PASS {2}Database reachable and migrated: /),
        expect.stringMatching(/^PASS {2}Marketplace API token: /),
        expect.stringMatching(/^PASS {2}Landing and webhook URLs reachable: /),
        expect.stringMatching(/^PASS {2}Sign-in metadata discoverable: /),
      ]);
    } finally {
      process.env = saved;
    }
  });
});

describe("credential expiry (live mode)", () => {
  const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  const CLIENT = "0b5c2a55-2f4e-4f0b-9d1e-8f3a7c6b5a41";
  const live = (extra: Record<string, string> = {}) =>
    parseEnv({
      MARKETPLACE_TENANT_ID: TENANT,
      MARKETPLACE_CLIENT_ID: CLIENT,
      MARKETPLACE_CLIENT_SECRET: "s",
      AUTH_ENTRA_CLIENT_ID: CLIENT,
      AUTH_ENTRA_CLIENT_SECRET: "x",
      AUTH_SECRET: "a".repeat(32),
      ...extra,
    });
  const now = new Date("2027-01-01T00:00:00Z");

  it("passes far from the secret's recorded expiry, warns inside 30 days or when unrecorded, fails once expired", () => {
    expect(checkCredentialExpiry(live({ MARKETPLACE_CLIENT_SECRET_EXPIRES: "2027-06-30" }), now)).toMatchObject({ status: "pass" });
    expect(checkCredentialExpiry(live({ MARKETPLACE_CLIENT_SECRET_EXPIRES: "2027-01-20" }), now)).toMatchObject({
      status: "warn",
      detail: "the client secret expires on 2027-01-20, in 19 days: renew it now",
    });
    expect(checkCredentialExpiry(live(), now)).toMatchObject({
      status: "warn",
      detail: expect.stringContaining("MARKETPLACE_CLIENT_SECRET_EXPIRES"),
    });
    expect(checkCredentialExpiry(live({ MARKETPLACE_CLIENT_SECRET_EXPIRES: "2026-12-31" }), now)).toMatchObject({
      status: "fail",
      detail: "the client secret expired on 2026-12-31",
    });
  });
});
