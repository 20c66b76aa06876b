import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { Db, SimulatorDatabaseHandle } from "./db";
import { simulatorOptions } from "./options";
import { ensureSeed } from "./seed";

/**
 * The package's migrations folder: beside the source, or, when a bundler (Next.js) has moved this
 * module, under the working directory (the repository root). The path is built at run time so
 * the bundler does not take `new URL(…, import.meta.url)` for an asset to bundle.
 */
function migrationsFolder(): string {
  const relative = ["..", "migrations"].join("/");
  try {
    const beside = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path.join(beside, "meta/_journal.json"))) return beside;
  } catch {
    // import.meta.url is not a file: URL in this bundle.
  }
  return path.resolve(process.cwd(), "packages/marketplace-simulator/migrations");
}

export const SIMULATOR_MIGRATIONS = {
  migrationsFolder: migrationsFolder(),
  migrationsTable: "__drizzle_migrations",
  migrationsSchema: "simulator",
} as const;

const SETUP_LOCK_KEY = 0x5e1ec7ed;

/** Applies the simulator's pending migrations (its own `simulator` schema and migrations table). */
export async function migrateSimulatorDatabase(handle: SimulatorDatabaseHandle): Promise<void> {
  if (handle.kind === "postgres") await migratePg(handle.db as unknown as NodePgDatabase, SIMULATOR_MIGRATIONS);
  else await migratePglite(handle.db as unknown as PgliteDatabase, SIMULATOR_MIGRATIONS);
}

/** An advisory lock keeps two app instances on one PostgreSQL from migrating or seeding at once. */
export async function prepareSimulatorDatabase(handle: SimulatorDatabaseHandle): Promise<Db> {
  const setup = async () => {
    await migrateSimulatorDatabase(handle);
    await ensureSeed(handle.db, new Date());
  };
  if (handle.kind === "postgres") {
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
      await setup();
    });
  } else {
    await setup();
  }
  return handle.db;
}

const globalForSim = globalThis as unknown as { simulatorDb?: Promise<Db> };

/** The simulator's database, opened through `SimulatorOptions.openDatabase` and prepared on first use. */
export function getSimulatorDb(): Promise<Db> {
  globalForSim.simulatorDb ??= Promise.resolve()
    .then(() => prepareSimulatorDatabase(simulatorOptions().openDatabase()))
    .catch((err: unknown) => {
      globalForSim.simulatorDb = undefined;
      throw err;
    });
  return globalForSim.simulatorDb;
}

/** Serves the simulator from this database from now on (tests: a fresh database per suite). */
export function useSimulatorDatabase(handle: SimulatorDatabaseHandle): Promise<Db> {
  globalForSim.simulatorDb = prepareSimulatorDatabase(handle);
  return globalForSim.simulatorDb;
}
