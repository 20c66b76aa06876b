// bench/admin: server time of the admin subscriptions list over 100,000 subscriptions, and a full
// reconciliation sync of simulator subscriptions, on PGlite and on PostgreSQL.
//   npm run build && node bench/admin.mjs [--subscriptions 100000] [--sync 2500,5000,10000] [--samples 30] [--only pglite|postgres]
// Targets: list p95 under 100 ms on PostgreSQL; a sync of 10,000 under 10 s, growing linearly.
// PostgreSQL: DATABASE_URL's server if given (a throwaway database is created on it and dropped),
// else a throwaway server from Debian's binaries, as the tests start one.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { freePort, rssPeak, startServer, summarise } from "./lib.mjs";

const { values } = parseArgs({
  options: {
    subscriptions: { type: "string", default: "100000" },
    sync: { type: "string", default: "2500,5000,10000" },
    samples: { type: "string", default: "30" },
    only: { type: "string" },
  },
});
const total = Math.min(Number(values.subscriptions), 1_000_000);
const syncSizes = values.sync
  .split(",")
  .map(Number)
  .filter((n) => n > 0 && n <= 100_000);
const samples = Math.min(Number(values.samples), 500);
if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}

// An owner's session, minted with the server's own secret; the simulator's sign-in makes owner@isv.example an owner.
const AUTH_SECRET = "bench-admin-secret-0123456789abcdefghijklmnopq";
const cookieName = "authjs.session-token";
const session = await encode({
  salt: cookieName,
  secret: AUTH_SECRET,
  token: {
    sub: "5e1ec7ed-0000-4000-8000-00000000b0b0",
    email: "owner@isv.example",
    name: "Bench Owner",
    tid: "5e1ec7ed-0000-4000-8000-000000000001",
    roles: [],
  },
});
const headers = { cookie: `${cookieName}=${session}` };

// One statement each, so seeding 100,000 rows takes seconds, not minutes.
const SEED_PORTAL = `
insert into subscriptions (id, name, offer_id, plan_id, quantity, status, provisioning_state, purchaser_email, purchaser_tenant_id,
  beneficiary_email, beneficiary_tenant_id, term_unit, is_test, is_free_trial, created_at)
select md5('bench-' || i)::uuid, 'Customer ' || i,
  case when i % 3 = 0 then 'contoso-teamwork' else 'contoso-analytics' end,
  case when i % 3 = 0 then 'team' when i % 3 = 1 then 'starter' else 'professional' end,
  case when i % 3 = 0 then 5 + i % 20 end,
  (array['Subscribed','Subscribed','Subscribed','PendingFulfillmentStart','Suspended','Unsubscribed'])[1 + i % 6]::saas_subscription_status,
  'active'::provisioning_state, 'buyer' || i || '@customer' || (i % 997) || '.example', md5('tenant-' || (i % 997))::uuid,
  'buyer' || i || '@customer' || (i % 997) || '.example', md5('tenant-' || (i % 997))::uuid,
  'P1M'::term_unit, i % 50 = 0, i % 40 = 0, timestamptz '2025-01-01' + i * interval '3 minutes'
from generate_series(1, $1::int) as i`;

const SEED_SIMULATOR = `
insert into simulator.subscriptions (id, publisher_id, offer_id, name, status, beneficiary, purchaser, plan_id, quantity, term_unit,
  term_start_date, term_end_date, allowed_customer_operations, market, azure_subscription_id, created, last_modified)
select gen_random_uuid(), 'contoso-isv', 'contoso-analytics', 'Synced ' || i, 'Subscribed'::simulator.subscription_status, b, b, 'starter', null, 'P1M'::simulator.term_unit,
  date_trunc('day', now()), date_trunc('day', now()) + interval '30 days', '["Read","Update","Delete"]'::jsonb, 'US',
  gen_random_uuid(), now(), now()
from generate_series(1, $1::int) as i,
  lateral (select jsonb_build_object('emailId', 'sync' || i || '@contoso.example', 'objectId', gen_random_uuid(),
    'tenantId', 'c0a70500-0000-4000-8000-000000000001', 'puid', lpad(i::text, 16, '0')) as b) as who`;

/** A keyset cursor as the list's "Next" link carries it: sort-key text with microseconds, then the ID. */
const CURSOR = `select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, id::text as id
  from subscriptions order by created_at desc, id desc offset $1::int limit 1`;
const cursorOf = (row) => Buffer.from(JSON.stringify([row.at, row.id])).toString("base64url");

async function timeList(baseUrl, deep) {
  const views = {
    "first page": "/admin/subscriptions",
    search: "/admin/subscriptions?q=buyer4242%40",
    filters: "/admin/subscriptions?status=Subscribed&status=Suspended&offer=contoso-analytics&plan=starter&test=no",
    "deep keyset page": `/admin/subscriptions?after=${deep}`,
  };
  // Round-robin, one sample of each view in turn: whatever the machine or the server is doing
  // meanwhile (a collection, a compile, autovacuum) falls on every view alike, not on the first.
  const times = Object.fromEntries(Object.keys(views).map((name) => [name, []]));
  for (let i = -3; i < samples; i++) {
    for (const [name, url] of Object.entries(views)) {
      const t = performance.now();
      const res = await fetch(baseUrl + url, { headers });
      const html = await res.text();
      if (i >= 0) times[name].push(performance.now() - t); // the first three rounds warm up
      if (res.status !== 200 || !html.includes("subscription")) throw new Error(`${url} answered ${res.status}`);
    }
  }
  const out = {};
  for (const [name, list] of Object.entries(times)) out[name] = summarise(list);
  return out;
}

/** Starts a sync through the route the page's button shares, and waits for the run to finish. */
async function timeSync(baseUrl) {
  // The scheduled sync may be running (it checks shortly after start-up): one run at a time, so wait it out.
  let res;
  for (const waitUntil = performance.now() + 300_000; ;) {
    res = await fetch(`${baseUrl}/admin/sync/runs`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: "{}",
    });
    if (res.status !== 409 || performance.now() > waitUntil) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const t = performance.now();
  if (res.status !== 202) throw new Error(`sync start answered ${res.status} ${await res.text()}`);
  const { run } = await res.json();
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const { runs } = await (await fetch(`${baseUrl}/admin/sync/runs`, { headers })).json();
    const r = runs.find((x) => x.id === run.id);
    if (r?.status === "failed") throw new Error(`sync failed: ${r.error}`);
    if (r?.status === "succeeded") {
      const serverMs = new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime();
      return { seen: r.seen, imported: r.imported, serverMs, wallMs: Math.round(performance.now() - t) };
    }
    if (performance.now() - t > 300_000) throw new Error("sync did not finish within 5 minutes");
  }
}

async function benchPglite() {
  const dir = mkdtempSync(path.join(tmpdir(), "portal-bench-admin-"));
  const portalDir = path.join(dir, "pglite");
  const largest = Math.max(...syncSizes, 0);
  // PGlite allows one process per folder: both folders are seeded before the server opens them.
  const portal = new PGlite(portalDir, { extensions: { pg_trgm } });
  await migrate(drizzle(portal), { migrationsFolder: "db/migrations" });
  await portal.query(SEED_PORTAL, [total]);
  await portal.query("analyze subscriptions");
  const deep = cursorOf((await portal.query(CURSOR, [Math.floor(total / 2)])).rows[0]);
  await portal.close();
  const sim = new PGlite(`${portalDir}-simulator`);
  await migrate(drizzle(sim), {
    migrationsFolder: "packages/marketplace-simulator/migrations",
    migrationsTable: "__drizzle_migrations",
    migrationsSchema: "simulator",
  });
  if (largest > 0) await sim.query(SEED_SIMULATOR, [largest]);
  await sim.close();

  const server = await startServer({ env: { AUTH_SECRET, PGLITE_DIR: portalDir } });
  const rss = rssPeak(server.pid);
  try {
    const list = await timeList(server.baseUrl, deep);
    const sync =
      largest > 0 ? { [largest]: await timeSync(server.baseUrl), [`${largest} again (no changes)`]: await timeSync(server.baseUrl) } : {};
    return { list, sync, peakRssMb: rss.stop() };
  } finally {
    rss.stop();
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function startPostgres() {
  const root = "/usr/lib/postgresql";
  const version = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => b - a)[0]
    : undefined;
  if (!version) throw new Error("no DATABASE_URL and no PostgreSQL server binaries (apt-get install postgresql)");
  const bin = path.join(root, version, "bin");
  const dir = mkdtempSync(path.join(tmpdir(), "portal-bench-pg-"));
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    chmodSync(dir, 0o755);
    execFileSync("chown", ["postgres:postgres", dir]);
  }
  const run = (cmd, args) => {
    const [c, a] = isRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
    const r = spawnSync(c, a, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  return { dir, bin, run };
}

async function benchPostgres() {
  let admin = process.env.DATABASE_URL;
  let stopServer = () => {};
  if (!admin) {
    const { dir, bin, run } = startPostgres();
    const port = await freePort();
    run(path.join(bin, "initdb"), ["-D", path.join(dir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    run(path.join(bin, "pg_ctl"), [
      "-D",
      path.join(dir, "data"),
      "-l",
      path.join(dir, "log"),
      "-w",
      "-o",
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`,
      "start",
    ]);
    admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
    stopServer = () => {
      run(path.join(bin, "pg_ctl"), ["-D", path.join(dir, "data"), "-m", "immediate", "-w", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const name = `bench_admin_${Date.now().toString(36)}`;
  const adminClient = new pg.Client({ connectionString: admin });
  await adminClient.connect();
  await adminClient.query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = new pg.Client({ connectionString: url.toString() });
  const server = await startServer({ databaseUrl: url.toString(), env: { AUTH_SECRET } });
  const rss = rssPeak(server.pid);
  try {
    await db.connect();
    // The server migrated at start-up; the simulator's schema is created on its first request.
    await fetch(`${server.baseUrl}/api/simulator/_sim/offers`).then((r) => r.text());
    await db.query(SEED_PORTAL, [total]);
    // As autovacuum leaves a table that has settled: statistics and the visibility map (index-only scans).
    await db.query("vacuum analyze subscriptions");
    const deep = cursorOf((await db.query(CURSOR, [Math.floor(total / 2)])).rows[0]);
    const list = await timeList(server.baseUrl, deep);
    // Printed at once: a sync that overruns its deadline below must not take these figures with it.
    console.log(`postgres list: ${JSON.stringify(list)}`);
    const sync = {};
    for (const n of syncSizes) {
      // Each size starts from nothing known: the previous size's imports and the simulator's rows go.
      await db.query("delete from subscriptions where id in (select id from simulator.subscriptions)");
      await db.query("truncate simulator.subscriptions cascade");
      await db.query(SEED_SIMULATOR, [n]);
      sync[n] = await timeSync(server.baseUrl);
    }
    const largest = Math.max(...syncSizes, 0);
    if (largest > 0) sync[`${largest} again (no changes)`] = await timeSync(server.baseUrl);
    return { list, sync, peakRssMb: rss.stop() };
  } finally {
    rss.stop();
    server.stop();
    await db.end().catch(() => {});
    await new Promise((r) => setTimeout(r, 1000));
    await adminClient.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await adminClient.end();
    stopServer();
  }
}

const results = {};
if (values.only !== "postgres") results.pglite = await benchPglite();
if (values.only !== "pglite") results.postgres = await benchPostgres();
console.log(JSON.stringify({ subscriptions: total, samples, ...results }, null, 2));
console.log(`load average at the end: ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
for (const [kind, r] of Object.entries(results)) {
  for (const [view, s] of Object.entries(r.list)) console.log(`${kind} list ${view}: median ${s.median} ms, p95 ${s.p95} ms`);
  for (const [n, s] of Object.entries(r.sync))
    console.log(`${kind} sync ${n}: ${(s.serverMs / 1000).toFixed(2)} s server, ${s.imported} imported of ${s.seen}`);
  console.log(`${kind} server RSS peak: ${r.peakRssMb} MB`);
}
