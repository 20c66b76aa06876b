import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle, type Db } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { getEnv, type DatabaseConfig } from "@/lib/env";
import { ensureSeed } from "./seed";

export const SIMULATOR_MIGRATIONS = {
  migrationsFolder: path.resolve(process.cwd(), "lib/simulator/migrations"),
  migrationsTable: "__drizzle_migrations",
  migrationsSchema: "simulator",
} as const;

// Any constant works: it only has to be the same in every app instance.
const SETUP_LOCK_KEY = 0x5e1ec7ed;

/**
 * Migrates and seeds the simulator's schema. On PostgreSQL an advisory lock (held by a
 * transaction on one pooled connection while the migrator works on another) keeps two app
 * instances from migrating or seeding at the same time; PGlite has a single connection anyway.
 */
export async function prepareSimulatorDatabase(handle: DatabaseHandle): Promise<Db> {
  const setup = async () => {
    await runMigrations(handle, SIMULATOR_MIGRATIONS);
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

/**
 * PGlite allows one instance per data folder, and the portal already holds its own folder open,
 * so a file-backed PGlite simulator lives in a sibling folder. PostgreSQL shares the portal's
 * database: the state is in the separate `simulator` schema.
 */
export function simulatorDatabaseConfig(config: DatabaseConfig): DatabaseConfig {
  if (config.kind === "postgres" || config.dir.startsWith("memory://")) return config;
  return { kind: "pglite", dir: `${config.dir.replace(/\/+$/, "")}-simulator` };
}

// Kept on globalThis so dev-server reloads reuse one handle instead of opening another.
const globalForSim = globalThis as unknown as { simulatorDb?: Promise<Db> };

/** The simulator's database, opened, migrated and seeded once per process on first use. */
export function getSimulatorDb(): Promise<Db> {
  globalForSim.simulatorDb ??= prepareSimulatorDatabase(
    openDatabase(simulatorDatabaseConfig(getEnv().database), { poolSize: 5 }),
  ).catch((err: unknown) => {
    globalForSim.simulatorDb = undefined;
    throw err;
  });
  return globalForSim.simulatorDb;
}

/** Serves the simulator from a given database (tests, or an embedding that owns the handle). */
export function useSimulatorDatabase(handle: DatabaseHandle): Promise<Db> {
  globalForSim.simulatorDb = prepareSimulatorDatabase(handle);
  return globalForSim.simulatorDb;
}
