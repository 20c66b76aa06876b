// bench/fuzz: the server's memory through a long run of hostile requests, the fuzz suite's cases
// (e2e/fuzz/cases.ts) against the production build on a fresh PGlite, on loopback only.
//   npm run build && node bench/fuzz.mjs [--requests 5000] [--seed N] [--concurrency 8] [--heap 256] [--postgres] [--gc]
// --heap sets the server's V8 heap cap (NODE_OPTIONS=--max-old-space-size) to compare with none.
// --gc runs the server with --trace-gc and reports the V8 heap left after each full collection
// (first, largest, last): what JavaScript keeps alive, as opposed to RSS, which also holds PGlite's
// WebAssembly memory (it only grows) and the allocator's free pages.
// Reports the answers by status (no 5xx expected) and the server's RSS (/proc, Linux): at start,
// after warm-up, the peak of samples every 250 requests, and at the end. Target: under 512 MB.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { tsImport } from "tsx/esm/api";
import { rssMb, startServer } from "./lib.mjs";
import { benchDatabase } from "./webhook-postgres.mjs";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));
const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "5000" },
    seed: { type: "string" },
    concurrency: { type: "string", default: "8" },
    heap: { type: "string" },
    postgres: { type: "boolean", default: false },
    gc: { type: "boolean", default: false },
  },
});
const requests = Math.min(Math.max(Number(values.requests) || 5000, 100), 50_000);
const seed = Number(values.seed) || Math.floor(Math.random() * 2 ** 31);
const concurrency = Math.min(Math.max(Number(values.concurrency) || 8, 1), 64);
const heapMb = values.heap ? Math.max(64, Number(values.heap)) : null;
if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}

const { createRandom, nextCase } = await tsImport("../e2e/fuzz/cases.ts", import.meta.url);
const { builtActions } = await tsImport("../e2e/authz/inventory.ts", import.meta.url);
const { runCases, statusSummary } = await tsImport("../e2e/fuzz/send.ts", import.meta.url);

// --postgres: the same simulator mode on a throwaway PostgreSQL database (DATABASE_URL's server, or one
// from Debian's binaries) instead of PGlite, whose two databases live in the process's memory.
const db = values.postgres ? await benchDatabase(process.env.DATABASE_URL) : null;
// --trace-gc is not allowed in NODE_OPTIONS: it goes on the server's command line (bench/lib.mjs).
if (values.gc) process.env.BENCH_NODE_ARGS = `${process.env.BENCH_NODE_ARGS ?? ""} --trace-gc`;
const server = await startServer({
  databaseUrl: db?.url ?? "",
  // LOG_LEVEL error: the server's log is kept in memory here, and --trace-gc writes a line per collection.
  env: {
    TRUST_PROXY_HOPS: "1",
    ...(heapMb ? { NODE_OPTIONS: `--max-old-space-size=${heapMb}` } : {}),
    ...(values.gc ? { LOG_LEVEL: "error" } : {}),
  },
});

/** V8 heap (MB) after each full collection, from --trace-gc's "Mark-Compact a (b) -> c (d) MB" lines. */
function heapAfterFullGcs() {
  return [...server.log().matchAll(/Mark-Compact[^\n]*?-> ([\d.]+) \(([\d.]+)\) MB/g)].map((m) => Number(m[1]));
}
try {
  const origin = server.baseUrl;
  const atStart = rssMb(server.pid);
  for (const path of ["/api/simulator/_sim/offers", "/landing?token=warm-up", "/sign-in", "/api/v1/subscriptions", "/account"]) {
    await fetch(`${origin}${path}`, { redirect: "manual", signal: AbortSignal.timeout(90_000) }).then((r) => r.arrayBuffer());
  }
  const afterWarmUp = rssMb(server.pid);

  const random = createRandom(seed);
  const options = { actionIds: builtActions().map((a) => a.id), origin };
  let peak = afterWarmUp ?? 0;
  const started = Date.now();
  // A longer timeout than the suite's: a run of thousands on a busy machine may queue behind itself.
  const { byStatus, failures, closed } = await runCases({
    origin,
    caseAt: (index) => (index < requests ? nextCase(random, options) : undefined),
    concurrency,
    timeoutMs: 60_000,
    afterEach: (index) => {
      if (index % 250 === 0) peak = Math.max(peak, rssMb(server.pid) ?? 0);
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const atEnd = rssMb(server.pid);
  peak = Math.max(peak, atEnd ?? 0);
  const health = await fetch(`${origin}/api/health`).then((r) => r.status);

  console.log(
    `fuzz bench: ${requests} requests in ${seconds} s, seed ${seed}, ${concurrency} connections, heap cap ${heapMb ? `${heapMb} MB` : "none"}, ${db ? "PostgreSQL" : "PGlite"}`,
  );
  console.log(`  answers: ${statusSummary(byStatus)}; connections closed early: ${closed}`);
  console.log(`  5xx or errors: ${failures.length}${failures.length ? `\n    ${failures.slice(0, 10).join("\n    ")}` : ""}`);
  console.log(`  server RSS (MB): start ${atStart}, after warm-up ${afterWarmUp}, peak ${peak}, end ${atEnd}; /api/health ${health}`);
  if (values.gc) {
    const heaps = heapAfterFullGcs();
    console.log(
      heaps.length
        ? `  V8 heap after full GC (MB): ${heaps.length} collections, first ${heaps[0]}, largest ${Math.max(...heaps)}, last ${heaps.at(-1)}; ` +
            `by quarter of the collections ${[0.25, 0.5, 0.75].map((q) => heaps[Math.floor(q * (heaps.length - 1))]).join(", ")}`
        : "  V8 heap: no full collection during the run",
    );
  }
  if (failures.length || health !== 200) process.exitCode = 1;
} finally {
  server.stop();
  await db?.close();
}
