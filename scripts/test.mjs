// The whole suite, in the order that fails fastest: types, unit + integration (PGlite and
// PostgreSQL) + contract, then the production build and Playwright against it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const reports = mkdtempSync(path.join(tmpdir(), "portal-test-"));
const vitestReport = path.join(reports, "vitest.json");
const playwrightReport = path.join(reports, "playwright.json");

const steps = [
  ["typecheck", "npx", ["tsc", "--noEmit", "-p", "."]],
  ["unit, integration and contract tests", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`]],
  ["production build", "npx", ["next", "build"]],
  ["end-to-end tests (Playwright, Chromium)", "npx", ["playwright", "test", "--reporter=list,json"]],
];

for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(" ")}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport } });
  console.log(`=== ${name}: ${r.status === 0 ? "ok" : "FAILED"} in ${Math.round((Date.now() - started) / 1000)} s`);
  if (r.status !== 0) {
    summary();
    process.exit(r.status ?? 1);
  }
}
summary();

/** One closing line over both runners, e.g. "total: 212 passed, 0 failed, 2 skipped". */
function summary() {
  let passed = 0, failed = 0, skipped = 0;
  try {
    const v = JSON.parse(readFileSync(vitestReport, "utf8"));
    passed += v.numPassedTests;
    failed += v.numFailedTests;
    skipped += v.numPendingTests + v.numTodoTests;
  } catch {}
  try {
    const p = JSON.parse(readFileSync(playwrightReport, "utf8")).stats;
    passed += p.expected + p.flaky;
    failed += p.unexpected;
    skipped += p.skipped;
  } catch {}
  console.log(`\ntotal: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}
