// The simulator's schema migrations alone, without the rest of the package: the portal's
// `npm run db:migrate` (db/migrate-cli.ts) applies them before the server starts.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { SimulatorDatabaseHandle } from "./db";

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

/** Applies the simulator's pending migrations (its own `simulator` schema and migrations table). */
export async function migrateSimulatorDatabase(handle: SimulatorDatabaseHandle): Promise<void> {
  if (handle.kind === "postgres") await migratePg(handle.db as unknown as NodePgDatabase, SIMULATOR_MIGRATIONS);
  else await migratePglite(handle.db as unknown as PgliteDatabase, SIMULATOR_MIGRATIONS);
}
