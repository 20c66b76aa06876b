import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { PGlite } from "@electric-sql/pglite";
import { openDatabase } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { SIMULATOR_MIGRATIONS } from "marketplace-simulator/migrations";

/**
 * Migrated databases to copy instead of migrating each test database again: one per distinct
 * migration set, made once per run by the global setup. PostgreSQL test databases are created
 * with `CREATE DATABASE … TEMPLATE`, PGlite ones load a dump of a migrated data folder.
 */
export interface ExtraMigrations {
  migrationsFolder: string;
  migrationsTable: string;
  migrationsSchema?: string;
}

export interface DatabaseTemplate {
  /** Name of the template database on the test PostgreSQL server, if there is one. */
  postgres: string | null;
  /** File holding PGlite's `dumpDataDir()` tarball of the migrated database. */
  pgliteDump: string;
}

/** Migration sets the suites use: the portal's alone, and the portal's plus the simulator's. */
const MIGRATION_SETS: ExtraMigrations[][] = [[], [SIMULATOR_MIGRATIONS]];

export function migrationSetKey(extra: ExtraMigrations[]): string {
  return JSON.stringify(extra.map((e) => [e.migrationsFolder, e.migrationsTable, e.migrationsSchema ?? null]));
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

export interface DatabaseTemplates {
  templates: Record<string, DatabaseTemplate>;
  drop(): Promise<void>;
}

/** Runs every migration set once on PGlite and (given a server) on PostgreSQL. */
export async function createDatabaseTemplates(serverUrl: string | null): Promise<DatabaseTemplates> {
  const dir = mkdtempSync(path.join(tmpdir(), "portal-db-templates-"));
  const prefix = `tmpl_${randomBytes(4).toString("hex")}`;
  const pgNames: string[] = [];

  async function buildPglite(): Promise<string[]> {
    // Each set extends the one before, so one instance migrates them all in turn.
    const handle = openDatabase({ kind: "pglite", dir: "memory://" });
    const files: string[] = [];
    try {
      const applied: ExtraMigrations[] = [];
      await runMigrations(handle);
      for (const [i, set] of MIGRATION_SETS.entries()) {
        for (const extra of set.slice(applied.length)) {
          await runMigrations(handle, extra);
          applied.push(extra);
        }
        const dump = await (handle.db as unknown as { $client: PGlite }).$client.dumpDataDir("none");
        const file = path.join(dir, `set${i}.tar`);
        writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
        files.push(file);
      }
    } finally {
      await handle.close();
    }
    return files;
  }

  async function buildPostgres(url: string): Promise<string[]> {
    const names: string[] = [];
    let previous: { name: string; set: ExtraMigrations[] } | null = null;
    for (const [i, set] of MIGRATION_SETS.entries()) {
      const name = `${prefix}_${i}`;
      await adminQuery(url, previous ? `CREATE DATABASE ${name} TEMPLATE ${previous.name}` : `CREATE DATABASE ${name}`);
      pgNames.push(name);
      const handle = openDatabase({ kind: "postgres", url: withDatabase(url, name) }, { poolSize: 1 });
      try {
        if (!previous) await runMigrations(handle);
        for (const extra of set.slice(previous?.set.length ?? 0)) await runMigrations(handle, extra);
      } finally {
        await handle.close();
      }
      names.push(name);
      previous = { name, set };
    }
    return names;
  }

  async function drop() {
    if (serverUrl)
      for (const name of pgNames.reverse()) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }

  try {
    const [dumps, pgTemplates] = await Promise.all([buildPglite(), serverUrl ? buildPostgres(serverUrl) : Promise.resolve(null)]);
    const templates: Record<string, DatabaseTemplate> = {};
    MIGRATION_SETS.forEach((set, i) => {
      templates[migrationSetKey(set)] = { postgres: pgTemplates?.[i] ?? null, pgliteDump: dumps[i]! };
    });
    return { templates, drop };
  } catch (err) {
    await drop();
    throw err;
  }
}
