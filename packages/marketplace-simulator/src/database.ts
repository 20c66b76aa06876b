import { sql } from "drizzle-orm";
import type { Db, SimulatorDatabaseHandle } from "./db";
import { migrateSimulatorDatabase } from "./migrations";
import { simulatorOptions } from "./options";
import { ensureSeed } from "./seed";

export { migrateSimulatorDatabase, SIMULATOR_MIGRATIONS } from "./migrations";

const SETUP_LOCK_KEY = 0x5e1ec7ed;

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
