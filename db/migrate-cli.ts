// `npm run db:migrate`: brings the configured database to the code's migrations, then exits. Run it
// once before a new version starts (compose.yaml's `migrate` service, a deployment's pre-start job);
// the server also migrates at start, so running it first only moves the wait out of the start.
// The container image runs the same program bundled to plain JavaScript: `node db/migrate.mjs`.
import { migrateSimulatorDatabase, SIMULATOR_MIGRATIONS } from "marketplace-simulator/migrations";
import { openDatabase, simulatorDatabaseConfig, type DatabaseHandle } from "./client";
import { migrationStatus, runMigrations, type MigrationSet } from "./migrate";
import { pgliteFolderHolder } from "./pglite-lock";
import { EnvError, getEnv, type DatabaseConfig } from "@/lib/env";

const where = (config: DatabaseConfig) =>
  config.kind === "postgres" ? `PostgreSQL ${new URL(config.url).host}${new URL(config.url).pathname}` : `PGlite ${config.dir}`;

async function migrateOne(
  label: string,
  config: DatabaseConfig,
  set: MigrationSet,
  migrate: (handle: DatabaseHandle) => Promise<void>,
): Promise<void> {
  if (config.kind === "pglite") {
    const pid = pgliteFolderHolder(config.dir);
    if (pid !== null) throw new Error(`the PGlite folder ${config.dir} is held by a running server (PID ${pid}); stop it first`);
  }
  const handle = openDatabase(config, { poolSize: 1 });
  try {
    const before = await migrationStatus(handle, set);
    await migrate(handle);
    const after = await migrationStatus(handle, set);
    if (after.pending.length > 0) throw new Error(`${label}: still pending after migrating: ${after.pending.join(", ")}`);
    const applied = before.pending.length;
    console.log(
      `migrate: ${label} on ${where(config)}: ${applied === 0 ? "already at head" : `applied ${before.pending.join(", ")}`} (${after.known} migrations)`,
    );
  } finally {
    await handle.close();
  }
}

async function main(): Promise<number> {
  let env;
  try {
    env = getEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  await migrateOne("portal", env.database, {}, (h) => runMigrations(h));
  // The simulator's schema exists wherever the server would serve it (simulator mode, or its sign-in
  // look-alike); in live mode nothing of it is created.
  if (env.simulator.apiEnabled || env.simulator.identityEnabled) {
    await migrateOne("simulator", simulatorDatabaseConfig(env.database), SIMULATOR_MIGRATIONS, migrateSimulatorDatabase);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`migrate: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
