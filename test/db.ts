import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle, type Db } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import * as schema from "@/db/schema";
import { migrationSetKey, withDatabase, type ExtraMigrations } from "./db-templates";

export type TestDatabaseKind = "pglite" | "postgres";

const serverUrl = inject("testDatabaseUrl");
const templates = inject("testDatabaseTemplates") ?? {};

/**
 * The database of "one"-database suites: PostgreSQL, the faster here. Each in-memory PGlite pays
 * about 3 s to start (WebAssembly and the template's data folder), and its median test took 213 ms
 * against PostgreSQL's 76 ms in a full run on this 2-core machine.
 */
const ONE_DATABASE: TestDatabaseKind = "postgres";

/**
 * Which databases an integration suite runs on: `describe.each(testDatabases("both" | "one"))`.
 *
 * The rule: "both" (PGlite and PostgreSQL) wherever the two can behave differently: the SQL of
 * db/queries/* (their own suites), locking and concurrency (FOR UPDATE SKIP LOCKED, advisory locks,
 * several pools or racing transactions on one database), migrations and database setup, and code
 * that chooses by database kind. "one" for everything else (actions, routes, services and jobs whose
 * SQL those suites already cover): it runs on ONE_DATABASE, the faster on this machine.
 * TEST_DATABASES=both runs every suite on both, e.g. after upgrading PGlite or PostgreSQL.
 * Without a PostgreSQL server (not installed, outside CI) both mean PGlite.
 */
export function testDatabases(which: "both" | "one"): TestDatabaseKind[] {
  if (!serverUrl) return ["pglite"];
  return which === "both" || process.env.TEST_DATABASES === "both" ? ["pglite", "postgres"] : [ONE_DATABASE];
}

export type { ExtraMigrations };

export interface TestDatabase extends DatabaseHandle {
  /** Connection URL of the database (PostgreSQL only), e.g. to start a second app instance on it. */
  url: string | null;
}

/**
 * In-memory PGlite from a dump of a migrated data folder: the same extensions and drizzle
 * options as `openDatabase` (db/client.ts), without initdb and migrations.
 */
async function openPgliteCopy(dumpFile: string): Promise<DatabaseHandle> {
  const client = new PGlite("memory://", { extensions: { pg_trgm }, loadDataDir: new Blob([await readFile(dumpFile)]) });
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Db;
  return { db, kind: "pglite", close: () => client.close() };
}

/**
 * Fills `dir` (created if missing) with a migrated PGlite database from the run's template, for
 * code that opens a PGlite folder itself (the process-wide database, the command line): opening
 * it then finds every migration applied instead of running initdb and all of them again.
 */
export async function migratedPgliteFolder(dir: string, opts: { extraMigrations?: ExtraMigrations[] } = {}): Promise<void> {
  const template = templates[migrationSetKey(opts.extraMigrations ?? [])];
  if (template) {
    const client = await PGlite.create(dir, { extensions: { pg_trgm }, loadDataDir: new Blob([await readFile(template.pgliteDump)]) });
    await client.close();
    return;
  }
  const handle = openDatabase({ kind: "pglite", dir });
  try {
    await runMigrations(handle);
    for (const extra of opts.extraMigrations ?? []) await runMigrations(handle, extra);
  } finally {
    await handle.close();
  }
}

/**
 * A fresh, migrated database: PGlite in memory, or a new database on the test PostgreSQL server.
 * Known migration sets are copied from the run's templates (test/db-templates.ts); others migrate here.
 */
export async function createTestDatabase(
  kind: TestDatabaseKind,
  opts: { extraMigrations?: ExtraMigrations[]; poolSize?: number } = {},
): Promise<TestDatabase> {
  const template = templates[migrationSetKey(opts.extraMigrations ?? [])];
  let handle: DatabaseHandle;
  let url: string | null = null;
  let drop = async () => {};
  if (kind === "postgres") {
    if (!serverUrl) throw new Error("no PostgreSQL server for tests");
    const name = `test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(template?.postgres ? `CREATE DATABASE ${name} TEMPLATE ${template.postgres}` : `CREATE DATABASE ${name}`);
    await admin.end();
    url = withDatabase(serverUrl, name);
    handle = openDatabase({ kind: "postgres", url }, { poolSize: opts.poolSize });
    drop = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else if (template) {
    handle = await openPgliteCopy(template.pgliteDump);
  } else {
    handle = openDatabase({ kind: "pglite", dir: "memory://" });
  }
  const copied = kind === "postgres" ? Boolean(template?.postgres) : Boolean(template);
  if (!copied) {
    await runMigrations(handle);
    for (const extra of opts.extraMigrations ?? []) await runMigrations(handle, extra);
  }
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      await drop();
    },
  };
}
