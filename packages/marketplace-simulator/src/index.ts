/**
 * The simulator behind one catch-all route: Microsoft's APIs, the control API and the Entra
 * look-alike. The host calls `configureSimulator` once, then forwards requests to
 * `handleSimulatorRequest` (see the README's "Mounting it").
 */
export { handleSimulatorRequest, SIMULATOR_PREFIX } from "./api";
export { SimulatedConnectionDrop } from "./faults";
export { configureSimulator, defaultSimulatorOptions, simulatorOptions, type SimulatorOptions } from "./options";
export type { Db, DbOrTx, SimulatorDatabaseHandle } from "./db";
export { getSimulatorDb, migrateSimulatorDatabase, prepareSimulatorDatabase, SIMULATOR_MIGRATIONS, useSimulatorDatabase } from "./database";
