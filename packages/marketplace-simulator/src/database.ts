import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle, type Db } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { getEnv, type DatabaseConfig } from "@/lib/env";
import { ensureSeed } from "./seed";

export const SIMULATOR_MIGRATIONS = {
  migrationsFolder: path.resolve(process.cwd(), "packages/marketplace-simulator/migrations"),
  migrationsTable: "__drizzle_migrations",
  migrationsSchema: "simulator",
} as const;

const SETUP_LOCK_KEY = 0x5e1ec7ed;

/** An advisory lock keeps two app instances on one PostgreSQL from migrating or seeding at once. */
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

/** PGlite allows one instance per data folder and the portal holds its own, so file-backed PGlite gets a sibling. */
export function simulatorDatabaseConfig(config: DatabaseConfig): DatabaseConfig {
  if (config.kind === "postgres" || config.dir.startsWith("memory://")) return config;
  return { kind: "pglite", dir: `${config.dir.replace(/\/+$/, "")}-simulator` };
}

const globalForSim = globalThis as unknown as { simulatorDb?: Promise<Db> };

export function getSimulatorDb(): Promise<Db> {
  globalForSim.simulatorDb ??= prepareSimulatorDatabase(
    openDatabase(simulatorDatabaseConfig(getEnv().database), { poolSize: 5 }),
  ).catch((err: unknown) => {
    globalForSim.simulatorDb = undefined;
    throw err;
  });
  return globalForSim.simulatorDb;
}

export function useSimulatorDatabase(handle: DatabaseHandle): Promise<Db> {
  globalForSim.simulatorDb = prepareSimulatorDatabase(handle);
  return globalForSim.simulatorDb;
}
