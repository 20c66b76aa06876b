// The whole suite, every stage from the start: lint (with the import boundaries), format, types,
// unit + integration (PGlite and PostgreSQL) + contract, and the production build followed by
// Playwright against it. The first failure stops the rest.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const reports = mkdtempSync(path.join(tmpdir(), "portal-test-"));
const vitestReport = path.join(reports, "vitest.json");
const playwrightReport = path.join(reports, "playwright.json");

// PORTAL_BUILD_TYPECHECKED: the build skips its own type check, the typecheck stage runs beside it.
// PORTAL_BUILD_CACHE=0: without a Turbopack cache to start from (a clean clone), the build does not
// write one either, which took it a sixth of its time here (next.config.mjs).
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  PORTAL_BUILD_TYPECHECKED: "1",
  ...(existsSync(".next/cache/turbopack") ? {} : { PORTAL_BUILD_CACHE: "0" }),
};

/**
 * A stage: [label, title, command, arguments, counts of its tests from its JSON report, if it has
 * one, niceness]. The checks only compute: at a lower priority they take the CPU that the build,
 * Vitest and Playwright leave while they wait, instead of delaying the build that Playwright needs.
 */
const CHECKS_NICE = 10;
// ESLint and Prettier keep per-file results in node_modules/.cache (keyed by content, configuration
// and version, as `npm run lint` does): a second run re-checks only what changed. A clean clone has none.
const lint = [
  "lint",
  "lint and import boundaries (ESLint)",
  "npx",
  ["eslint", "--max-warnings", "0", "--cache", "--cache-location", "node_modules/.cache/eslint/", "."],
  null,
  CHECKS_NICE,
];
const format = ["format", "format (Prettier)", "npx", ["prettier", "--check", "--cache", "--log-level", "warn", "."], null, CHECKS_NICE];
const typecheck = ["typecheck", "typecheck", "npx", ["tsc", "--noEmit", "-p", "."], null, CHECKS_NICE];
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
 * Lanes run side by side from the start, the stages of a lane one after the other. The build and
 * Playwright are the longest lane, so the build starts at once; Vitest (two workers) and
 * Playwright (two workers, a server each) both wait on timers, servers and pages much of the time,
 * which the others fill. On two cores the run's CPU seconds bound its time more than any lane does.
 */
const lanes = [[build, playwright], [vitest], [lint], [format], [typecheck]];

/** One line per finished stage, repeated together at the end, e.g. "vitest: 1248 passed, 0 failed, 5 skipped in 212 s". */
const stageLines = [];
const started = Date.now();

/**
 * Each stage's processes carry this in their environment, whatever process group or session they
 * moved to: Playwright starts its web servers and browsers as groups of their own, and a server
 * whose parent has gone is no longer anyone's child. Nothing of a stage outlives it, so that no
 * server holds a port or a database folder into the next run.
 */
const RUN_ID = randomBytes(6).toString("hex");
function stageMark(label) {
  return `PORTAL_TEST_STAGE=${RUN_ID}-${label}`;
}

/** The stages running now, so that the first failure can stop the others. */
const running = new Set();
let failed = false;

// The stages are process groups of their own, which a terminal's Ctrl+C no longer reaches.
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"])
  process.on(signal, async () => {
    if (interrupted) process.exit(130); // a second Ctrl+C: leave at once
    interrupted = true;
    failed = true;
    await Promise.all([...running].map(stop));
    process.exit(130);
  });

await Promise.all(lanes.map(runLane));
summary();
if (failed) process.exit(1);

async function runLane(stages) {
  for (const stage of stages) {
    if (failed) return;
    if (!(await runStage(stage))) {
      if (!failed) {
        failed = true;
        await Promise.all([...running].map(stop));
      }
      return;
    }
  }
}

/** PIDs of the live processes whose environment carries `mark` (Linux's /proc; none elsewhere). */
function processesMarked(mark) {
  const needle = Buffer.from(`${mark}\0`);
  const pids = [];
  let entries = [];
  try {
    entries = readdirSync("/proc");
  } catch {
    return pids;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${name}/environ`);
      // A zombie has no environment left and needs no signal.
      if (environ.length && (environ.indexOf(needle) === 0 || environ.includes(Buffer.concat([Buffer.from("\0"), needle]))))
        pids.push(Number(name));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Ends a stage and everything it started: its own process group, then every process that carries
 * its mark (SIGTERM; SIGKILL for what is left after a few seconds). Resolves once none is left.
 */
async function stop(child) {
  signal(-child.pid, "SIGTERM");
  await sweep(child.label);
}

/** Ends what is left of a stage's processes: SIGTERM, then SIGKILL after `graceMs`. */
async function sweep(label, graceMs = 5_000) {
  const mark = stageMark(label);
  for (const pid of processesMarked(mark)) signal(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (processesMarked(mark).length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const pid of processesMarked(mark)) signal(pid, "SIGKILL");
}

/** Runs a stage with its output kept, then shows the output and the stage's line together. */
async function runStage([label, name, cmd, args, counts, nice = 0]) {
  const { status, output, seconds, cpu, stopped } = await runCaptured(label, cmd, args, nice);
  // Whatever the stage left behind (a server whose stop did not run, a browser): gone before the next stage or run.
  await sweep(label);
  const ok = status === 0;
  if (stopped && failed) {
    stageLines.push(`${label}: stopped after ${seconds} s (another stage failed)`);
    return false;
  }
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
function runCaptured(label, cmd, args, nice) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const chunks = [];
    // `time` reports the CPU seconds of the stage and everything it started (GNU time's %U and %S).
    const timeFile = path.join(reports, `time-${Math.random().toString(36).slice(2)}`);
    const timed = spawnTimed(cmd, args, timeFile, nice);
    // Each stage is a process group of its own, so that a failure elsewhere can end all of it.
    const [markName, markValue] = stageMark(label).split("=");
    const child = spawn(timed.cmd, timed.args, {
      env: { ...env, [markName]: markValue },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    child.label = label;
    running.add(child);
    child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.on("data", (c) => chunks.push(c));
    const done = (status, extra = "") => {
      running.delete(child);
      resolve({
        status,
        output: Buffer.concat(chunks).toString() + extra,
        seconds: Math.round((Date.now() - t0) / 1000),
        cpu: cpuSeconds(timeFile),
        stopped: child.signalCode !== null,
      });
    };
    child.on("error", (e) => done(1, `${e.message}\n`));
    child.on("close", (code) => done(code ?? 1));
  });
}

/** The command under /usr/bin/time when it is there (Debian's `time` package), as is otherwise; under `nice` if asked. */
function spawnTimed(cmd, args, timeFile, nice) {
  const timed = existsSync("/usr/bin/time")
    ? { cmd: "/usr/bin/time", args: ["-q", "-o", timeFile, "-f", "%U %S", cmd, ...args] }
    : { cmd, args };
  return nice ? { cmd: "nice", args: ["-n", String(nice), timed.cmd, ...timed.args] } : timed;
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
