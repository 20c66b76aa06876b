import path from "node:path";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { DatabaseHandle } from "./client";

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "db/migrations");

/** Applies pending migrations from a folder made by `drizzle-kit generate`. Safe to run at every start. */
export async function runMigrations(
  handle: DatabaseHandle,
  opts: { migrationsFolder?: string; migrationsTable?: string; migrationsSchema?: string } = {},
): Promise<void> {
  const config = {
    migrationsFolder: opts.migrationsFolder ?? MIGRATIONS_DIR,
    migrationsTable: opts.migrationsTable,
    migrationsSchema: opts.migrationsSchema,
  };
  if (handle.kind === "postgres") await migratePg(handle.db as unknown as NodePgDatabase, config);
  else await migratePglite(handle.db as unknown as PgliteDatabase, config);
}
