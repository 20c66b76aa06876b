// The whole suite, in the order that fails fastest: lint (with the import boundaries), format and
// types side by side, then two lanes side by side: unit + integration (PGlite and PostgreSQL) +
// contract in one, the production build and Playwright against it in the other.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const reports = mkdtempSync(path.join(tmpdir(), "portal-test-"));
const vitestReport = path.join(reports, "vitest.json");
const playwrightReport = path.join(reports, "playwright.json");

// PORTAL_BUILD_TYPECHECKED: the build skips its own type check, the typecheck stage has passed (next.config.mjs).
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport, PORTAL_BUILD_TYPECHECKED: "1" };

/** A stage: [label, title, command, arguments, counts of its tests from its JSON report, if it has one]. */
const lint = ["lint", "lint and import boundaries (ESLint)", "npx", ["eslint", "--max-warnings", "0", "."], null];
const format = ["format", "format (Prettier)", "npx", ["prettier", "--check", "--log-level", "warn", "."], null];
const typecheck = ["typecheck", "typecheck", "npx", ["tsc", "--noEmit", "-p", "."], null];
const vitest = [
  "vitest",
  "unit, integration and contract tests",
  "npx",
  ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
  vitestCounts,
];
const build = ["build", "production build", "npx", ["next", "build"], null];
const playwright = [
  "playwright",
  "end-to-end tests (Playwright, Chromium)",
  "npx",
  ["playwright", "test", "--reporter=list,json"],
  playwrightCounts,
];

/**
 * Lanes run side by side, the stages of a lane one after the other; a failed stage stops its lane.
 * The checks read the sources only and are each mostly one busy process, so on two cores the three
 * take about as long as the slowest alone. Then Vitest (two workers) shares the machine with the
 * build and Playwright, whose one worker leaves a core mostly idle while a page renders or waits.
 */
const phases = [
  [[lint], [format], [typecheck]],
  [[vitest], [build, playwright]],
];

/** One line per finished stage, repeated together at the end, e.g. "vitest: 1248 passed, 0 failed, 5 skipped in 212 s". */
const stageLines = [];
const started = Date.now();

for (const lanes of phases) {
  const results = await Promise.all(lanes.map(runLane));
  if (results.some((ok) => !ok)) {
    summary();
    process.exit(1);
  }
}
summary();

async function runLane(stages) {
  for (const stage of stages) if (!(await runStage(stage))) return false;
  return true;
}

/** Runs a stage with its output kept, then shows the output and the stage's line together. */
async function runStage([label, name, cmd, args, counts]) {
  const { status, output, seconds, cpu } = await runCaptured(cmd, args);
  const ok = status === 0;
  console.log(`\n=== ${name}: ${cmd} ${args.join(" ")}`);
  process.stdout.write(output);
  console.log(`=== ${name}: ${ok ? "ok" : "FAILED"} in ${seconds} s`);
  const c = counts?.();
  stageLines.push(
    c
      ? `${label}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped in ${seconds} s${ok ? "" : " (FAILED)"}${cpu}`
      : `${label}: ${ok ? "ok" : "FAILED"} in ${seconds} s${cpu}`,
  );
  return ok;
}

/** Runs a command with its output (stdout and stderr, interleaved as written) kept for later. */
function runCaptured(cmd, args) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const chunks = [];
    // `time` reports the CPU seconds of the stage and everything it started (GNU time's %U and %S).
    const timeFile = path.join(reports, `time-${Math.random().toString(36).slice(2)}`);
    const timed = spawnTimed(cmd, args, timeFile);
    const child = spawn(timed.cmd, timed.args, { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.on("data", (c) => chunks.push(c));
    const done = (status, extra = "") =>
      resolve({
        status,
        output: Buffer.concat(chunks).toString() + extra,
        seconds: Math.round((Date.now() - t0) / 1000),
        cpu: cpuSeconds(timeFile),
      });
    child.on("error", (e) => done(1, `${e.message}\n`));
    child.on("close", (code) => done(code ?? 1));
  });
}

/** The command under /usr/bin/time when it is there (Debian's `time` package), as is otherwise. */
function spawnTimed(cmd, args, timeFile) {
  return existsSync("/usr/bin/time") ? { cmd: "/usr/bin/time", args: ["-q", "-o", timeFile, "-f", "%U %S", cmd, ...args] } : { cmd, args };
}

function cpuSeconds(timeFile) {
  try {
    const [user, sys] = readFileSync(timeFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
    return Number.isFinite(user + sys) ? ` (${Math.round(user + sys)} CPU s)` : "";
  } catch {
    return "";
  }
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

/** The stage lines, then one closing line over both runners, e.g. "total: 212 passed, 0 failed, 2 skipped in 290 s". */
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
  console.log(`\ntotal: ${passed} passed, ${failed} failed, ${skipped} skipped in ${Math.round((Date.now() - started) / 1000)} s`);
}
