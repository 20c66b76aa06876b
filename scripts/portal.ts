// The portal's command line: `npm run -s portal -- <command>`. Works against PostgreSQL at any
// time; against PGlite only when no running server holds its data folder.
import { openDatabase } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { EnvError, getEnv } from "@/lib/env";
import { runUsageSubmit } from "@/lib/metering/cli";
import { buildMarketplaceClient } from "@/lib/services/marketplace";

const USAGE = "usage: portal usage submit   (one usage submission pass now)";

async function main(argv: string[]): Promise<number> {
  const [group, command] = argv;
  if (group === "usage" && command === "submit") {
    const env = getEnv();
    let handle;
    try {
      handle = openDatabase(env.database);
      await runMigrations(handle);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      console.error(env.database.kind === "pglite" ? `portal: the PGlite folder ${env.database.dir} is in use (is the server running?): ${reason}` : `portal: ${reason}`);
      return 1;
    }
    try {
      return await runUsageSubmit(handle.db, buildMarketplaceClient(env));
    } finally {
      await handle.close();
    }
  }
  console.error(USAGE);
  return 64;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof EnvError ? err.message : err instanceof Error ? `portal: ${err.message}` : err);
    process.exit(1);
  },
);
