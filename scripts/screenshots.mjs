// `npm run screenshots`: builds if needed, then regenerates docs/screenshots/ (the overview, the
// list and a detail page at 1280 and 390 px) with Playwright's "screenshots" project.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync(".next/BUILD_ID")) {
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync("npx", ["playwright", "test", "--project=screenshots", "--workers=1", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, SCREENSHOTS: "1", E2E_WORKERS: "1" },
});
process.exit(run.status ?? 1);
