// Shared helpers for the benchmark scripts: start the production server on loopback, time
// requests, summarise. Each script is bounded in requests and time and stops what it starts.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

// BENCH_PORT=N hands out N, N+1, … (the first free ones) instead of any free port, so that runs on a
// shared machine stay inside the ports given to them.
let nextPort = Number(process.env.BENCH_PORT ?? 0);

export async function freePort() {
  if (nextPort > 0) {
    for (let tries = 0; tries < 20; tries++) {
      const port = nextPort++;
      if (await listenable(port)) return port;
    }
    throw new Error(`no free port from BENCH_PORT=${process.env.BENCH_PORT} on`);
  }
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function listenable(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/** Starts the production server (`npm start`: server.mjs) on 127.0.0.1 with a fresh PGlite folder (or the given DATABASE_URL). */
export async function startServer({ databaseUrl = "", env = {} } = {}) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(path.join(tmpdir(), "portal-bench-"));
  // BENCH_NODE_ARGS passes Node options to the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (written when it stops).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const serverArgs = [...nodeArgs, fileURLToPath(new URL("../server.mjs", import.meta.url)), "-H", "127.0.0.1", "-p", String(port)];
  const child = spawn(process.execPath, serverArgs, {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // A request line per call would pile up in `log` below over a load run; failures still show.
      LOG_LEVEL: "warn",
      PORT: String(port),
      PUBLIC_BASE_URL: baseUrl,
      PGLITE_DIR: path.join(dir, "pglite"),
      DATABASE_URL: databaseUrl,
      ...env,
    },
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (Date.now() > deadline) {
      stop(child);
      throw new Error(`server did not start:\n${log}`);
    }
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, pid: child.pid, stop: () => stop(child), log: () => log };
}

function stop(child) {
  try {
    process.kill(-child.pid, "SIGTERM"); // the process group started above, by PID
  } catch {}
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

export function summarise(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, median: round(percentile(s, 50)), p95: round(percentile(s, 95)), max: round(s.at(-1)) };
}

export const round = (x) => Math.round(x * 10) / 10;

export async function timed(fn) {
  const t = performance.now();
  const result = await fn();
  return [performance.now() - t, result];
}

/** CPU seconds (user + system) of one process so far, from /proc (Linux); null once it is gone. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
  } catch {
    return null;
  }
}

function childrenOf(pid) {
  const out = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(entry));
    } catch {}
  }
  return out;
}

/**
 * Samples the CPU seconds of named processes (and, for `withChildren`, the children they start, such
 * as PostgreSQL's backends) every 200 ms; `stop()` returns the seconds each used since the start.
 */
export function cpuMeter(processes) {
  const seen = new Map(); // "name|pid" -> { first, last }
  let initial = true;
  const sample = () => {
    for (const { name, pid, withChildren } of processes) {
      if (!pid) continue;
      for (const p of withChildren ? [pid, ...childrenOf(pid)] : [pid]) {
        const s = cpuSeconds(p);
        if (s === null) continue;
        const key = `${name}|${p}`;
        const entry = seen.get(key);
        if (entry) entry.last = s;
        else seen.set(key, { first: initial || p === pid ? s : 0, last: s });
      }
    }
  };
  sample();
  initial = false;
  const timer = setInterval(sample, 200);
  return {
    add(process) {
      processes.push(process);
      sample();
    },
    stop() {
      sample();
      clearInterval(timer);
      const total = {};
      for (const [key, { first, last }] of seen) {
        const name = key.split("|")[0];
        total[name] = round((total[name] ?? 0) + last - first);
      }
      return total;
    },
  };
}

/** Resident set size of a process in MB (/proc, Linux); null once it is gone. */
export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every 250 ms; `stop()` returns the peak in MB. */
export function rssPeak(pid) {
  let peak = rssMb(pid) ?? 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid) ?? 0)), 250);
  return {
    peak: () => peak,
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid) ?? 0);
    },
  };
}
