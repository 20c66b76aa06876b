import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { openDatabase, simulatorDatabaseConfig, type DatabaseHandle } from "@/db/client";
import { migrationStatus } from "@/db/migrate";
import { SIMULATOR_MIGRATIONS } from "marketplace-simulator";
import { testDatabases, type TestDatabaseKind } from "@/test/db";
import { withDatabase } from "@/test/db-templates";

const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const serverUrl = inject("testDatabaseUrl");

/** `npm run db:migrate` as package.json runs it, with the given database settings. */
function migrate(database: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATABASE_URL: "", PGLITE_DIR: "", ...database };
    const child = spawn(tsx, ["--conditions=react-server", "db/migrate-cli.ts"], { cwd: root, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function statusOf(handle: DatabaseHandle) {
  try {
    return { portal: await migrationStatus(handle), simulator: await migrationStatus(handle, SIMULATOR_MIGRATIONS) };
  } finally {
    await handle.close();
  }
}

/** An empty database of each kind: a fresh PGlite folder, or a new database on the test server. */
async function emptyDatabase(
  kind: TestDatabaseKind,
): Promise<{ env: Record<string, string>; open: () => DatabaseHandle[]; drop(): Promise<void> }> {
  if (kind === "pglite") {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "portal-migrate-")), "pglite");
    const portal = { kind: "pglite", dir } as const;
    return {
      env: { PGLITE_DIR: dir },
      open: () => [openDatabase(portal), openDatabase(simulatorDatabaseConfig(portal))],
      drop: async () => rmSync(path.dirname(dir), { recursive: true, force: true }),
    };
  }
  const name = `migrate_${randomBytes(6).toString("hex")}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl! });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = withDatabase(serverUrl!, name);
  return {
    env: { DATABASE_URL: url },
    open: () => [openDatabase({ kind: "postgres", url }, { poolSize: 1 }), openDatabase({ kind: "postgres", url }, { poolSize: 1 })],
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

// Each run starts tsx and opens the database: several seconds on a busy machine.
describe.each(testDatabases("both"))("npm run db:migrate on %s", { timeout: 180_000 }, (kind) => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it("brings an empty database to the head of both migration sets, then finds nothing to do", async () => {
    const db = await emptyDatabase(kind);
    drops.push(db.drop);

    const first = await migrate(db.env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^migrate: portal on .*: applied 0000_foundation, /m);
    expect(first.stdout).toMatch(/^migrate: simulator on .*: applied 0000_simulator_state/m);

    const [portal, simulator] = db.open();
    expect((await statusOf(portal!)).portal.pending).toEqual([]);
    expect((await statusOf(simulator!)).simulator.pending).toEqual([]);

    const again = await migrate(db.env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^migrate: portal on .*: already at head/m);
    expect(again.stdout).toMatch(/^migrate: simulator on .*: already at head/m);
  });
});

describe("npm run db:migrate with a bad configuration", { timeout: 120_000 }, () => {
  it("names the problem and exits non-zero without touching anything", async () => {
    const r = await migrate({ DATABASE_URL: "mysql://nope" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("DATABASE_URL must be a postgres:// URL");
  });
});
