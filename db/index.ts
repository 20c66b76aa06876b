import "server-only";
import { getEnv } from "@/lib/env";
import { openDatabase, type DatabaseHandle } from "./client";
import { runMigrations } from "./migrate";
import { holdPgliteFolder } from "./pglite-lock";

export type { Db, Tx, DbOrTx, DatabaseHandle } from "./client";

// One handle per process; kept on globalThis so dev-server reloads don't open a second PGlite.
const globalForDb = globalThis as unknown as { portalDb?: Promise<DatabaseHandle> };

/**
 * The process-wide database, opened and migrated on first use. Opening lazily matters:
 * `next build` evaluates server modules, and must not open the database while it does.
 */
export function getDatabase(): Promise<DatabaseHandle> {
  globalForDb.portalDb ??= (async () => {
    const config = getEnv().database;
    // Claims the folder before opening it: refused (PgliteBusyError) while the command line holds it,
    // and tells the command line that this process has it open (db/pglite-lock.ts).
    if (config.kind === "pglite") holdPgliteFolder(config.dir);
    const handle = openDatabase(config);
    await runMigrations(handle);
    return handle;
  })().catch((err) => {
    globalForDb.portalDb = undefined;
    throw err;
  });
  return globalForDb.portalDb;
}

export async function getDb() {
  return (await getDatabase()).db;
}
