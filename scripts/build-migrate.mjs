// Bundles `npm run db:migrate` (db/migrate-cli.ts) into one plain-JavaScript file for the container
// image, which has neither tsx nor the TypeScript sources:  node scripts/build-migrate.mjs OUTFILE
// (the Dockerfile writes .next/standalone/db/migrate.mjs; the image runs `node db/migrate.mjs`).
// PGlite and pg stay outside the bundle: the standalone folder's node_modules has them (PGlite loads
// its WebAssembly and extension files from beside its own modules).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Writes the bundle to `outfile`; resolves once it is on disk. */
export async function buildMigrate(outfile) {
  await build({
    absWorkingDir: root,
    entryPoints: ["db/migrate-cli.ts"],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    // `server-only` resolves to its empty module under the condition Next.js's server uses.
    conditions: ["react-server"],
    external: ["@electric-sql/pglite", "pg", "pg-native"],
    // Bundled CommonJS modules call require(), which an ES module does not have.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    logLevel: "warning",
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outfile = process.argv[2];
  if (!outfile) {
    console.error("usage: node scripts/build-migrate.mjs OUTFILE");
    process.exit(64);
  }
  await buildMigrate(path.resolve(outfile));
  console.log(`build-migrate: wrote ${path.relative(process.cwd(), path.resolve(outfile))}`);
}
