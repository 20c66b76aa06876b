import "server-only";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { DbOrTx } from "../client";
import { MIGRATIONS_DIR } from "../migrate";
import { rowsOf } from "./rows";

export interface MigrationState {
  /** Migrations in the folder this version ships. */
  known: number;
  /** Of those, not yet applied to the database (drizzle applies by creation time). */
  pending: number;
}

/** How far the database is behind the migrations folder; `pending` is every migration when none ran yet. */
export async function getMigrationState(db: DbOrTx, migrationsFolder = MIGRATIONS_DIR): Promise<MigrationState> {
  const files = readMigrationFiles({ migrationsFolder });
  const exists = rowsOf<{ name: string | null }>(await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`));
  let last = -Infinity;
  if (exists[0]?.name) {
    const rows = rowsOf<{ at: string | number | null }>(
      await db.execute(sql`select max(created_at) as at from drizzle.__drizzle_migrations`),
    );
    if (rows[0]?.at != null) last = Number(rows[0].at);
  }
  return { known: files.length, pending: files.filter((f) => f.folderMillis > last).length };
}
