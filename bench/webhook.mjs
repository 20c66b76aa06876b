// bench/webhook: sustained authenticated webhook ingest, POST /api/webhook of the production build
// in simulator mode, on PGlite and on PostgreSQL, each next to a bare node:http handler doing the
// same RS256 verification and inbox INSERT. Loopback only, bounded in time and requests.
//   npm run build && node --conditions=react-server bench/webhook.mjs [--duration 10] [--connections 50] [--max-requests 60000]
//     [--rate 1000] [--action Renew] [--databases pglite,postgres]
// Each handler runs twice: as fast as it answers over --connections (its ceiling), then at a steady
// --rate requests/s, evenly spaced (the latency a sender at that rate sees).
// PostgreSQL: a fresh database on DATABASE_URL's server, else a throwaway server on 127.0.0.1.
// Target on PostgreSQL: at least 1,000 requests/s with p99 under 50 ms, and at least half the bare rate.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { tsImport } from "tsx/esm/api";
import { startServer } from "./lib.mjs";
import { startBareServer } from "./webhook-bare-server.mjs";
import { load, paced } from "./webhook-load.mjs";
import { benchDatabase } from "./webhook-postgres.mjs";
import { prepareWebhookTokens } from "./webhook-tokens.mjs";

process.chdir(fileURLToPath(new URL("..", import.meta.url))); // migrations and server.mjs resolve from the repository root
const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    "max-requests": { type: "string", default: "60000" },
    rate: { type: "string", default: "1000" },
    action: { type: "string", default: "Renew" },
    databases: { type: "string", default: "pglite,postgres" },
  },
});
const bound = (v, lo, hi) => Math.min(hi, Math.max(lo, Math.trunc(Number(v)) || lo));
const opts = {
  duration: bound(values.duration, 1, 60),
  connections: bound(values.connections, 1, 200),
  maxRequests: bound(values["max-requests"], 100, 200_000),
  rate: bound(values.rate, 10, 20_000),
  action: values.action,
};
const kinds = values.databases
  .split(",")
  .map((s) => s.trim())
  .filter((k) => k === "pglite" || k === "postgres");
if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}

const { openDatabase } = await tsImport("../db/client.ts", import.meta.url);
const { runMigrations } = await tsImport("../db/migrate.ts", import.meta.url);
const { simulatorIssuer } = await tsImport("../packages/marketplace-simulator/src/identity/urls.ts", import.meta.url);
const { MARKETPLACE_APP_ID } = await tsImport("../lib/env.ts", import.meta.url);

async function migrated(config) {
  const handle = openDatabase(config);
  try {
    await runMigrations(handle);
  } finally {
    await handle.close();
  }
}

/** Until the port refuses connections: the next run must not share the CPU with this one. */
async function stopped(server, baseUrl) {
  await server.stop();
  for (let i = 0; i < 60; i++) {
    try {
      await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(500) });
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

const LOADS = [
  { name: "as fast as answered", run: (args) => load(args) },
  { name: `${opts.rate}/s offered`, run: (args) => paced({ ...args, rate: opts.rate }) },
];

async function measure(baseUrl, tokens, runLoad) {
  const url = `${baseUrl}/api/webhook`;
  const { rate: _rate, ...rest } = opts;
  // Warm-up, not counted: route loading, key discovery, pool connections.
  await load({ url, tokens, action: opts.action, connections: 10, duration: 3, maxRequests: 300 });
  return runLoad({ url, tokens, action: opts.action, ...rest });
}

const rows = [];
const failures = [];
for (const kind of kinds) {
  for (const handler of ["portal", "bare node:http"]) {
    for (const { name, run } of LOADS) {
      try {
        rows.push({ database: kind, handler, load: name, ...(await measureRun(kind, handler, run)) });
      } catch (err) {
        // One run failing (e.g. a server that would not start) still leaves the other figures.
        console.error(`${kind} ${handler} ${name}: ${String(err?.stack ?? err).slice(0, 4000)}`);
        failures.push({ database: kind, handler, load: name, error: String(err?.message ?? err).split("\n")[0] });
      }
    }
  }
}

/** One run on a database of its own, so no run inherits the inbox backlog of another. */
async function measureRun(kind, handler, runLoad) {
  const pgDb = kind === "postgres" ? await benchDatabase(process.env.DATABASE_URL) : null;
  const root = kind === "pglite" ? mkdtempSync(path.join(tmpdir(), "portal-bench-webhook-")) : null;
  const dir = root ? path.join(root, "pglite") : null;
  const config = pgDb ? { kind: "postgres", url: pgDb.url } : { kind: "pglite", dir };
  try {
    const prep = await prepareWebhookTokens(config, 64);
    if (handler === "portal") {
      const server = await startServer({ databaseUrl: pgDb?.url ?? "", env: dir ? { PGLITE_DIR: dir } : {} });
      try {
        return await measure(server.baseUrl, prep.tokens, runLoad);
      } finally {
        await stopped(server, server.baseUrl);
      }
    }
    await migrated(config);
    const bare = await startBareServer({
      ...config,
      publicJwk: prep.publicJwk,
      audience: prep.audience,
      tenantId: prep.tenantId,
      issuers: [simulatorIssuer(prep.tenantId, "v2"), simulatorIssuer(prep.tenantId, "v1")],
      appIds: [MARKETPLACE_APP_ID],
    });
    try {
      return await measure(bare.baseUrl, prep.tokens, runLoad);
    } finally {
      await bare.stop();
    }
  } finally {
    await pgDb?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  }
}

const ok = (r) => Object.entries(r.statuses).reduce((n, [s, c]) => n + (s.startsWith("2") ? c : 0), 0);
const table = rows.map((r) => ({
  database: r.database,
  handler: r.handler,
  load: r.load,
  "req/s (2xx)": Math.round(ok(r) / r.seconds),
  "p50 ms": r.p50,
  "p99 ms": r.p99,
  "max ms": r.max,
  requests: r.requests,
  "non-2xx": r.non2xx,
  errors: r.errors + r.timeouts,
}));
console.table(table);
const row = (handler, steady) =>
  table.find((t) => t.database === "postgres" && t.handler === handler && t.load === LOADS[steady ? 1 : 0].name);
const [pgPortal, pgPortalSteady, pgBare] = [row("portal", false), row("portal", true), row("bare node:http", false)];
// Target on PostgreSQL: 1,000 requests/s sustained at p99 under 50 ms, and half the bare ceiling.
const targets =
  pgPortal && pgPortalSteady && pgBare
    ? {
        postgresAtLeast1000PerSecond:
          pgPortal["req/s (2xx)"] >= 1000 && opts.rate >= 1000 && pgPortalSteady["req/s (2xx)"] >= opts.rate * 0.98,
        postgresP99Under50MsAt1000PerSecond: opts.rate >= 1000 && pgPortalSteady["p99 ms"] < 50,
        postgresAtLeastHalfOfBare: pgPortal["req/s (2xx)"] >= pgBare["req/s (2xx)"] / 2,
      }
    : null;
console.log(
  JSON.stringify({ options: opts, results: table.map((t, i) => ({ ...t, statuses: rows[i].statuses })), targets, failures }, null, 2),
);
if (failures.length > 0) process.exitCode = 1;
