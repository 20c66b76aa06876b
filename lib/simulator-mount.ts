import "server-only";
import { configureSimulator, getSimulatorDb, type SimulatorOptions } from "marketplace-simulator";
import { openDatabase } from "@/db/client";
import { getEnv, type DatabaseConfig, type Env } from "@/lib/env";

/**
 * Where the portal mounts the marketplace simulator (packages/marketplace-simulator): the one
 * place that turns the portal's configuration into the simulator's options and gives it a
 * database. The route under app/api/simulator and the pages under app/(dev)/simulator import
 * this module, so the simulator is configured before it serves anything.
 */

/** PGlite allows one instance per data folder and the portal holds its own, so file-backed PGlite gets a sibling. */
export function simulatorDatabaseConfig(config: DatabaseConfig): DatabaseConfig {
  if (config.kind === "postgres" || config.dir.startsWith("memory://")) return config;
  return { kind: "pglite", dir: `${config.dir.replace(/\/+$/, "")}-simulator` };
}

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

export { getSimulatorDb };
