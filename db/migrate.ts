import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { DatabaseHandle, DbOrTx } from "./client";

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "db/migrations");

export interface MigrationSet {
  migrationsFolder?: string;
  migrationsTable?: string;
  migrationsSchema?: string;
}

/** Applies pending migrations from a folder made by `drizzle-kit generate`. Safe to run at every start. */
export async function runMigrations(handle: DatabaseHandle, opts: MigrationSet = {}): Promise<void> {
  const config = {
    migrationsFolder: opts.migrationsFolder ?? MIGRATIONS_DIR,
    migrationsTable: opts.migrationsTable,
    migrationsSchema: opts.migrationsSchema,
  };
  if (handle.kind === "postgres") await migratePg(handle.db as unknown as NodePgDatabase, config);
  else await migratePglite(handle.db as unknown as PgliteDatabase, config);
}

export interface MigrationStatus {
  /** Migrations in the folder (the code's head). */
  known: number;
  /** Tags of the folder's migrations the database has not applied, oldest first. */
  pending: string[];
}

/**
 * Which of a folder's migrations the database lacks, decided as Drizzle's migrator decides what to
 * apply: every migration newer than the newest one applied.
 */
export async function migrationStatus(
  handle: Pick<DatabaseHandle, "db"> | { db: DbOrTx },
  opts: MigrationSet = {},
): Promise<MigrationStatus> {
  const folder = opts.migrationsFolder ?? MIGRATIONS_DIR;
  const files = readMigrationFiles({ migrationsFolder: folder });
  const last = await lastAppliedMigration(handle, opts.migrationsSchema ?? "drizzle", opts.migrationsTable ?? "__drizzle_migrations");
  const tags = journalTags(folder);
  const pending = files.flatMap((m, i) => (last === null || last < m.folderMillis ? [tags[i] ?? String(m.folderMillis)] : []));
  return { known: files.length, pending };
}

function journalTags(folder: string): string[] {
  try {
    // readMigrationFiles reads the same journal, in the same order, but does not return the tags.
    const journal = JSON.parse(readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as { entries: Array<{ tag: string }> };
    return journal.entries.map((e) => e.tag);
  } catch {
    return [];
  }
}

/**
 * `created_at` of the newest migration applied from one migrations table (Drizzle's migrator compares
 * it with each migration's folder timestamp), or null when the table does not exist or is empty.
 * Here rather than in db/queries: the test set-up and the command line load this module outside Next.js.
 */
async function lastAppliedMigration(handle: { db: DbOrTx }, schema: string, table: string): Promise<number | null> {
  // PGlite and node-postgres both answer a raw `execute()` with `{ rows }` (db/queries/rows.ts).
  const rows = <R>(result: unknown) => (result as { rows: R[] }).rows;
  const exists = rows<{ found: string | null }>(await handle.db.execute(sql`select to_regclass(${`${schema}.${table}`})::text as found`));
  if (!exists[0]?.found) return null;
  const last = rows<{ created_at: string | number | null }>(
    await handle.db.execute(sql`select max(created_at) as created_at from ${sql.identifier(schema)}.${sql.identifier(table)}`),
  );
  const value = last[0]?.created_at;
  return value === null || value === undefined ? null : Number(value);
}
