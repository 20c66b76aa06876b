/** The simulator behind one catch-all route: Microsoft's APIs, the control API and the Entra look-alike. */
export { handleSimulatorRequest, SIMULATOR_PREFIX } from "./api";
export { SimulatedConnectionDrop } from "./faults";
export { getSimulatorDb, prepareSimulatorDatabase, simulatorDatabaseConfig, SIMULATOR_MIGRATIONS, useSimulatorDatabase } from "./database";
