// `npm start` serves the production build; build it first on a fresh clone.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

if (!existsSync(".next/BUILD_ID")) {
  console.log("No production build yet: running `next build` once (about a minute)...");
  const r = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}
