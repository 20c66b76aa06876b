// The portal's command line: `npm run -s portal -- --help`. The commands live in lib/cli/portal.ts.
import { runPortalCli } from "../lib/cli/portal";

runPortalCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error("portal:", err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
