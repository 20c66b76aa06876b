import "server-only";
import { configureSimulator, getSimulatorDb, type SimulatorOptions } from "marketplace-simulator";
import { openDatabase, simulatorDatabaseConfig } from "@/db/client";
import { getEnv, type Env } from "@/lib/env";

/**
 * Where the portal mounts the marketplace simulator (packages/marketplace-simulator): the one
 * place that turns the portal's configuration into the simulator's options and gives it a
 * database. The route under app/api/simulator and the pages under app/(dev)/simulator import
 * this module, so the simulator is configured before it serves anything.
 */

export function simulatorOptionsFor(env: Env): SimulatorOptions {
  return {
    portalOrigin: env.publicBaseUrl,
    apiEnabled: env.simulator.apiEnabled,
    identityEnabled: env.simulator.identityEnabled,
    webhook: { audience: env.webhook.audience, tenantId: env.webhook.tenantId },
    // On PostgreSQL the simulator's `simulator` schema sits beside the portal's tables.
    openDatabase: () => openDatabase(simulatorDatabaseConfig(env.database), { poolSize: 5 }),
  };
}

// Read on every request: tests change the environment between suites.
configureSimulator(() => simulatorOptionsFor(getEnv()));

export { getSimulatorDb, simulatorDatabaseConfig };
