// npm run bench:metering — 1,000,000 usage events (1,000 subscriptions × 2 dimensions × 24 hours)
// through POST /api/v1/usage in requests of 1,000 over several connections, against the production
// server on PostgreSQL; then the same rows through a bare `pg` multi-row INSERT for comparison,
// then one submission pass (`portal usage submit`) of all closed hours to the built-in simulator.
// BENCH_EVENTS, BENCH_SUBSCRIPTIONS, BENCH_CONNECTIONS, BENCH_SUBMIT_CONCURRENCY override the sizes; DATABASE_URL uses an
// existing server (a fresh database on it) instead of a throwaway one. BENCH_NODE_ARGS and
// BENCH_COMMAND_NODE_ARGS pass Node options (e.g. --cpu-prof) to the server and to the command;
// `node bench/profile-top.mjs FILE --last SECONDS` summarises a profile's final phase.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { readFileSync } from "node:fs";
import path from "node:path";
import { cpuMeter, round, startServer } from "./lib.mjs";
import { benchDatabase } from "./webhook-postgres.mjs";

const TOTAL = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SUBS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const SUBMIT_CONCURRENCY = Number(process.env.BENCH_SUBMIT_CONCURRENCY ?? 16);
const PER_REQUEST = 1000;
const DIMS = ["api-calls", "storage-gb"];
const HOUR = 3_600_000;
const TENANT = "be9c0000-0000-4000-8000-000000000001";

const now = Date.now();
const currentHour = Math.floor(now / HOUR) * HOUR;

/** Event i: the hour varies fastest, then the dimension, then the subscription. */
function event(i, subs) {
  const h = i % 24;
  const hourStart = currentHour - h * HOUR;
  // Inside the hour, never in the future (the current hour has only run for part of an hour).
  const span = h === 0 ? Math.max(1, now - hourStart - 1000) : HOUR;
  return {
    id: `e${i}`,
    subscriptionId: subs[Math.floor(i / 48) % subs.length],
    dimension: DIMS[Math.floor(i / 24) % 2],
    quantity: 1,
    timestamp: new Date(hourStart + ((i * 7919) % span)).toISOString(),
  };
}

async function pool(n, count, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

async function json(res) {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

const db = await benchDatabase(process.env.DATABASE_URL);
let server;
const client = new pg.Pool({ connectionString: db.url, max: CONNECTIONS });
try {
  server = await startServer({ databaseUrl: db.url, env: { METERING_SUBMIT_INTERVAL_SECONDS: "3600", API_RATE_LIMIT_PER_MINUTE: "0" } });
  const sim = `${server.baseUrl}/api/simulator/_sim`;
  const put = (path, body) =>
    fetch(`${sim}${path}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(json);
  // The purchases' webhooks go nowhere: this run measures metering, not the webhook worker.
  await put("/config", { webhookUrl: "http://127.0.0.1:9/", webhookMaxAttempts: 1 });

  process.stdout.write(`setting up ${SUBS} subscriptions… `);
  const subs = [];
  await pool(16, SUBS, async (i) => {
    const r = await fetch(`${sim}/purchases`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        offerId: "contoso-analytics",
        planId: "professional",
        purchaser: { email: `buyer${i}@bench.example`, tenantId: TENANT },
        autoActivate: true,
      }),
    }).then(json);
    subs[i] = r.subscriptionId;
  });
  // The portal's side, as a sync would store it: the plan with its included quantities, the subscriptions.
  const terms = [{ termUnit: "P1M", price: 199, currency: "USD", meteredQuantityIncluded: [{ dimensionId: "api-calls", units: 100 }] }];
  const dims = DIMS.map((id) => ({ id, displayName: id, unitOfMeasure: "unit", pricePerUnit: 0.5, currency: "USD" }));
  await client.query(
    `insert into plans (offer_id, plan_id, display_name, billing_terms, metering_dimensions) values ('contoso-analytics', 'professional', 'Professional', $1, $2)
     on conflict (offer_id, plan_id) do update set billing_terms = excluded.billing_terms, metering_dimensions = excluded.metering_dimensions`,
    [JSON.stringify(terms), JSON.stringify(dims)],
  );
  const termStart = new Date(now - 10 * 24 * HOUR);
  await client.query(
    `insert into subscriptions (id, name, offer_id, plan_id, status, term_unit, term_start_date, term_end_date)
     select id, 'bench', 'contoso-analytics', 'professional', 'Subscribed', 'P1M', $2, $3 from unnest($1::uuid[]) as id on conflict (id) do nothing`,
    [subs, termStart, new Date(termStart.getTime() + 30 * 24 * HOUR)],
  );
  // An API key with usage:write, stored as `portal api-keys create` stores one (SHA-256 of the secret).
  const prefix = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  await client.query(
    `insert into api_keys (name, prefix, secret_hash, scopes, created_by) values ('bench', $1, $2, '{usage:write}', 'bench')`,
    [prefix, createHash("sha256").update(secret).digest("hex")],
  );
  const key = `mpk_${prefix}_${secret}`;
  console.log("done");

  const requests = Math.ceil(TOTAL / PER_REQUEST);
  const batch = (r) => Array.from({ length: Math.min(PER_REQUEST, TOTAL - r * PER_REQUEST) }, (_, j) => event(r * PER_REQUEST + j, subs));

  // 1. Ingest over HTTP.
  let accepted = 0;
  let rejected = 0;
  const t0 = performance.now();
  await pool(CONNECTIONS, requests, async (r) => {
    const res = await fetch(`${server.baseUrl}/api/v1/usage`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ events: batch(r) }),
    });
    const body = await json(res);
    accepted += body.accepted;
    rejected += body.rejected.length;
  });
  const ingestMs = performance.now() - t0;
  const ingestRate = TOTAL / (ingestMs / 1000);
  console.log(
    `ingest: ${TOTAL} events in ${round(ingestMs / 1000)} s over ${CONNECTIONS} connections = ${Math.round(ingestRate)} events/s (accepted ${accepted}, rejected ${rejected})`,
  );

  // 2. The same rows through a bare multi-row INSERT into a copy of the table (same indexes);
  // BENCH_BARE=0 skips it (when only the submission is of interest).
  if (process.env.BENCH_BARE !== "0") await bareInsert();
  async function bareInsert() {
    await client.query("create table usage_events_bare (like usage_events including all)");
    const t1 = performance.now();
    await pool(CONNECTIONS, requests, async (r) => {
      const values = [];
      const params = [];
      for (const e of batch(r)) {
        const at = new Date(e.timestamp);
        const n = params.length;
        values.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, 'api', $${n + 7})`);
        params.push(e.subscriptionId, e.dimension, e.quantity, at, new Date(Math.floor(at.getTime() / HOUR) * HOUR), e.id, prefix);
      }
      await client.query(
        `insert into usage_events_bare (subscription_id, dimension, quantity, effective_at, hour, idempotency_key, source, source_ref) values ${values.join(", ")}`,
        params,
      );
    });
    const bareMs = performance.now() - t1;
    const bareRate = TOTAL / (bareMs / 1000);
    console.log(
      `bare pg INSERT: ${TOTAL} rows in ${round(bareMs / 1000)} s = ${Math.round(bareRate)} rows/s; ingest is ${round((ingestRate / bareRate) * 100)}% of it`,
    );
  }

  const { rows: hours } = await client.query("select count(*)::int as n, sum(quantity)::float8 as q from usage_hours");
  console.log(`aggregated: ${hours[0].n} hours holding ${hours[0].q} units`);

  // 3. One submission pass of every closed hour (the current hour is still open), with the CPU
  // seconds of the command, the server (its simulator answers the batches) and PostgreSQL.
  const { rows: dataDir } = await client.query("show data_directory");
  const postmaster = (() => {
    try {
      return Number(readFileSync(path.join(dataDir[0].data_directory, "postmaster.pid"), "utf8").split("\n")[0]);
    } catch {
      return 0; // a server elsewhere: its CPU is not measured
    }
  })();
  // BENCH_PG_STATEMENTS=1 (with BENCH_PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements")
  // prints the statements that took PostgreSQL's time during the submission.
  const statements = process.env.BENCH_PG_STATEMENTS === "1";
  if (statements) await client.query("create extension if not exists pg_stat_statements; select pg_stat_statements_reset()");
  const cpu = cpuMeter([
    { name: "server", pid: server.pid },
    { name: "postgres", pid: postmaster, withChildren: true },
  ]);
  const t2 = performance.now();
  const out = await new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        // BENCH_COMMAND_NODE_ARGS profiles the command as BENCH_NODE_ARGS does the server.
        ...(process.env.BENCH_COMMAND_NODE_ARGS ?? "").split(" ").filter(Boolean),
        "--conditions=react-server",
        "--import",
        "tsx",
        fileURLToPath(new URL("../scripts/portal.ts", import.meta.url)),
        "usage",
        "submit",
        "--concurrency",
        String(SUBMIT_CONCURRENCY),
      ],
      {
        cwd: fileURLToPath(new URL("..", import.meta.url)),
        env: {
          ...process.env,
          NODE_ENV: "production",
          DATABASE_URL: db.url,
          PUBLIC_BASE_URL: server.baseUrl,
          METERING_CLOSE_DELAY_SECONDS: "0",
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    cpu.add({ name: "command", pid: child.pid });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    // 2: some hours were rejected or expired (a run slow enough to cross an hour boundary ages its oldest hour out); reported below.
    child.on("exit", (code) => (code === 0 || code === 2 ? resolve(log) : reject(new Error(`usage submit exited ${code}:\n${log}`))));
  });
  const submitMs = performance.now() - t2;
  const cpuUsed = cpu.stop();
  const { rows: recorded } = await client.query("select count(*)::int as n from simulator.usage_events");
  const { rows: statuses } = await client.query("select status, count(*)::int as n from usage_hours group by 1 order by 1");
  console.log(out.trim());
  console.log(
    `submission: ${round(submitMs / 1000)} s (CPU s: ${Object.entries(cpuUsed)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ", ",
      )}; load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}); the simulator recorded ${recorded[0].n} usage events; hours by status: ${statuses.map((s) => `${s.status} ${s.n}`).join(", ")}`,
  );
  if (statements) {
    const { rows: top } = await client.query(
      `select round((total_exec_time + total_plan_time)::numeric) as ms, calls, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query
       from pg_stat_statements order by total_exec_time + total_plan_time desc limit 15`,
    );
    for (const t of top)
      console.log(`${String(t.ms).padStart(7)} ms ${String(t.calls).padStart(6)} calls ${String(t.rows).padStart(7)} rows  ${t.query}`);
  }
} finally {
  await client.end();
  server?.stop();
  await db.close();
}
