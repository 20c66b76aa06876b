// The whole suite, in the order that fails fastest: types, unit + integration (PGlite and
// PostgreSQL) + contract, then the production build and Playwright against it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const reports = mkdtempSync(path.join(tmpdir(), "portal-test-"));
const vitestReport = path.join(reports, "vitest.json");
const playwrightReport = path.join(reports, "playwright.json");

// [label, title, command, arguments, counts of the stage's tests from its JSON report, if it has one]
const steps = [
  ["typecheck", "typecheck", "npx", ["tsc", "--noEmit", "-p", "."], null],
  ["vitest", "unit, integration and contract tests", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`], vitestCounts],
  ["build", "production build", "npx", ["next", "build"], null],
  ["playwright", "end-to-end tests (Playwright, Chromium)", "npx", ["playwright", "test", "--reporter=list,json"], playwrightCounts],
];

/** One line per finished stage, repeated together at the end, e.g. "vitest: 1248 passed, 0 failed, 5 skipped in 212 s". */
const stageLines = [];

for (const [label, name, cmd, args, counts] of steps) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(" ")}`);
  const started = Date.now();
  // PORTAL_BUILD_TYPECHECKED: the build skips its own type check, the typecheck stage has passed (next.config.mjs).
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport, PORTAL_BUILD_TYPECHECKED: "1" };
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`=== ${name}: ${r.status === 0 ? "ok" : "FAILED"} in ${seconds} s`);
  const c = counts?.();
  stageLines.push(
    c
      ? `${label}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped in ${seconds} s${r.status === 0 ? "" : " (FAILED)"}`
      : `${label}: ${r.status === 0 ? "ok" : "FAILED"} in ${seconds} s`,
  );
  if (r.status !== 0) {
    summary();
    process.exit(r.status ?? 1);
  }
}
summary();

function vitestCounts() {
  try {
    const v = JSON.parse(readFileSync(vitestReport, "utf8"));
    return { passed: v.numPassedTests, failed: v.numFailedTests, skipped: v.numPendingTests + v.numTodoTests };
  } catch {
    return null;
  }
}

function playwrightCounts() {
  try {
    const p = JSON.parse(readFileSync(playwrightReport, "utf8")).stats;
    return { passed: p.expected + p.flaky, failed: p.unexpected, skipped: p.skipped };
  } catch {
    return null;
  }
}

/** The stage lines, then one closing line over both runners, e.g. "total: 212 passed, 0 failed, 2 skipped". */
function summary() {
  let passed = 0, failed = 0, skipped = 0;
  for (const c of [vitestCounts(), playwrightCounts()]) {
    if (!c) continue;
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
  }
  console.log(`\n${stageLines.join("\n")}`);
  console.log(`\ntotal: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}
