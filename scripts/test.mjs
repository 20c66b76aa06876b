// The whole suite, in the order that fails fastest: lint (with the import boundaries), format and
// types side by side, then unit + integration (PGlite and PostgreSQL) + contract, then the
// production build and Playwright against it.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const reports = mkdtempSync(path.join(tmpdir(), "portal-test-"));
const vitestReport = path.join(reports, "vitest.json");
const playwrightReport = path.join(reports, "playwright.json");

// PORTAL_BUILD_TYPECHECKED: the build skips its own type check, the typecheck stage has passed (next.config.mjs).
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport, PORTAL_BUILD_TYPECHECKED: "1" };

// Checks that read the sources only, run side by side: each is mostly one busy process, so on two
// cores the three take about as long as the slowest alone. Their output is shown once each is done.
const checks = [
  ["lint", "lint and import boundaries (ESLint)", "npx", ["eslint", "--max-warnings", "0", "."]],
  ["format", "format (Prettier)", "npx", ["prettier", "--check", "--log-level", "warn", "."]],
  ["typecheck", "typecheck", "npx", ["tsc", "--noEmit", "-p", "."]],
];

// [label, title, command, arguments, counts of the stage's tests from its JSON report, if it has one]
const steps = [
  [
    "vitest",
    "unit, integration and contract tests",
    "npx",
    ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
    vitestCounts,
  ],
  ["build", "production build", "npx", ["next", "build"], null],
  ["playwright", "end-to-end tests (Playwright, Chromium)", "npx", ["playwright", "test", "--reporter=list,json"], playwrightCounts],
];

/** One line per finished stage, repeated together at the end, e.g. "vitest: 1248 passed, 0 failed, 5 skipped in 212 s". */
const stageLines = [];

const checked = await Promise.all(checks.map(([, , cmd, args]) => runCaptured(cmd, args)));
checks.forEach(([label, name, cmd, args], i) => {
  const { status, output, seconds } = checked[i];
  console.log(`\n=== ${name}: ${cmd} ${args.join(" ")}`);
  process.stdout.write(output);
  console.log(`=== ${name}: ${status === 0 ? "ok" : "FAILED"} in ${seconds} s`);
  stageLines.push(`${label}: ${status === 0 ? "ok" : "FAILED"} in ${seconds} s`);
});
const failedCheck = checked.find((r) => r.status !== 0);
if (failedCheck) {
  summary();
  process.exit(failedCheck.status ?? 1);
}

for (const [label, name, cmd, args, counts] of steps) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(" ")}`);
  const started = Date.now();
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

/** Runs a command with its output (stdout and stderr, interleaved as written) kept for later. */
function runCaptured(cmd, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const chunks = [];
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.on("data", (c) => chunks.push(c));
    const done = (status, extra = "") =>
      resolve({ status, output: Buffer.concat(chunks).toString() + extra, seconds: Math.round((Date.now() - started) / 1000) });
    child.on("error", (e) => done(1, `${e.message}\n`));
    child.on("close", (code) => done(code ?? 1));
  });
}

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
  let passed = 0,
    failed = 0,
    skipped = 0;
  for (const c of [vitestCounts(), playwrightCounts()]) {
    if (!c) continue;
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
  }
  console.log(`\n${stageLines.join("\n")}`);
  console.log(`\ntotal: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}
