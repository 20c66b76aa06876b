import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { runMigrations } from "@/db/migrate";

export type TestDatabaseKind = "pglite" | "postgres";

const serverUrl = inject("testDatabaseUrl");
/** Every integration suite runs once per kind: `describe.each(testDatabaseKinds)`. */
export const testDatabaseKinds: TestDatabaseKind[] = serverUrl ? ["pglite", "postgres"] : ["pglite"];

export interface ExtraMigrations {
  migrationsFolder: string;
  migrationsTable: string;
  migrationsSchema?: string;
}

export interface TestDatabase extends DatabaseHandle {
  /** Connection URL of the database (PostgreSQL only), e.g. to start a second app instance on it. */
  url: string | null;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh, migrated database: PGlite in memory, or a new database on the test PostgreSQL server. */
export async function createTestDatabase(
  kind: TestDatabaseKind,
  opts: { extraMigrations?: ExtraMigrations[]; poolSize?: number } = {},
): Promise<TestDatabase> {
  let handle: DatabaseHandle;
  let url: string | null = null;
  let drop = async () => {};
  if (kind === "postgres") {
    if (!serverUrl) throw new Error("no PostgreSQL server for tests");
    const name = `test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    url = withDatabase(serverUrl, name);
    handle = openDatabase({ kind: "postgres", url }, { poolSize: opts.poolSize });
    drop = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    handle = openDatabase({ kind: "pglite", dir: "memory://" });
  }
  await runMigrations(handle);
  for (const extra of opts.extraMigrations ?? []) await runMigrations(handle, extra);
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      await drop();
    },
  };
}
