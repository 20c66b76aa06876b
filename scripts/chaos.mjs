// The chaos run: does the portal converge to Microsoft's state whatever the order, duplication and
// crashes of webhook delivery? `npm run chaos -- --subscriptions 50 --duplicates 0.2 --kill [--faults 0.2]`
//
// A throwaway PostgreSQL, two portal instances (the production build, `node server.mjs`, role all)
// and a capture proxy in front of them that is the public origin: the simulator (Microsoft's side,
// served by both instances from the shared database) posts its webhooks to the proxy, which keeps
// them and answers 200, and every other request goes to an instance that is up. The simulator is
// driven through its control API (purchases with activation, plan and seat changes, suspends,
// reinstates, renewals, cancellations); then every captured webhook, plus a share of duplicates, is
// delivered to the instances in shuffled order, one instance is SIGKILLed halfway and restarted,
// the inbox drains, a reconciliation sync runs, and a table is printed. Exit code 1 when anything
// that must be zero is not. Bounded: every wait has a deadline, every process started is stopped.
import { spawn } from "node:child_process";
import { createServer, request as httpRequest } from "node:http";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { benchDatabase } from "../bench/webhook-postgres.mjs";
import { freePort } from "../bench/lib.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values: flags } = parseArgs({
  options: {
    subscriptions: { type: "string", default: "50" },
    duplicates: { type: "string", default: "0.2" },
    kill: { type: "boolean", default: false },
    faults: { type: "string", default: "0" },
    seed: { type: "string", default: String(Date.now() % 1_000_000) },
    port: { type: "string" },
    "time-limit": { type: "string", default: "1800" },
  },
});
const N = Number(flags.subscriptions);
const DUPLICATES = Number(flags.duplicates);
const FAULTS = Number(flags.faults);
const SEED = Number(flags.seed);
const TIME_LIMIT_MS = Number(flags["time-limit"]) * 1000;
if (!(N >= 1 && N <= 100_000) || !(DUPLICATES >= 0 && DUPLICATES <= 5) || !(FAULTS >= 0 && FAULTS <= 0.9)) {
  console.error(
    "usage: npm run chaos -- --subscriptions N (1-100000) --duplicates 0..5 [--kill] [--faults 0..0.9] [--seed S] [--port BASE]",
  );
  process.exit(64);
}

// Deterministic choices for a seed (mulberry32), so a failing run can be repeated.
let state = SEED >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (items) => items[Math.floor(random() * items.length)];
const started = Date.now();
const deadline = () => {
  if (Date.now() - started > TIME_LIMIT_MS) throw new Error(`time limit of ${TIME_LIMIT_MS / 1000} s reached`);
};
const log = (line) => console.error(`[chaos ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const base = flags.port ? Number(flags.port) : null;
const proxyPort = base ?? (await freePort());
const ports = base ? [base + 1, base + 2] : [await freePort(), await freePort()];
const origin = `http://127.0.0.1:${proxyPort}`;

// ---- PostgreSQL and the instances -------------------------------------------------------------
const database = await benchDatabase(process.env.CHAOS_DATABASE_URL ?? "");
const sql = new pg.Pool({ connectionString: database.url, max: 2 });
const instances = ports.map((port) => ({ port, child: null, up: false, output: [] }));

function startInstance(inst) {
  inst.output = [];
  const child = spawn(process.execPath, ["server.mjs", "-H", "127.0.0.1", "-p", String(inst.port)], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORTAL_ROLE: "all",
      DATABASE_URL: database.url,
      PGLITE_DIR: "",
      // Both name the proxy: Microsoft's side, its tokens' issuer and the webhook URL are one origin.
      PUBLIC_BASE_URL: origin,
      TRUST_PROXY_HOPS: "1",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (c) => inst.output.push(String(c)));
  child.stderr.on("data", (c) => inst.output.push(String(c)));
  child.on("exit", () => (inst.up = false));
  inst.child = child;
  return waitUp(inst);
}

async function waitUp(inst) {
  const until = Date.now() + 120_000;
  for (;;) {
    if (inst.child.exitCode !== null) throw new Error(`instance :${inst.port} exited:\n${inst.output.join("").slice(-4000)}`);
    const ok = await fetch(`http://127.0.0.1:${inst.port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return void (inst.up = true);
    if (Date.now() > until) throw new Error(`instance :${inst.port} did not answer /api/health:\n${inst.output.join("").slice(-4000)}`);
    await sleep(200);
  }
}

// ---- the capture proxy ------------------------------------------------------------------------
const captured = [];
let next = 0;
const upstream = () => {
  const up = instances.filter((i) => i.up);
  return up.length ? up[next++ % up.length] : null;
};
const proxy = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    if (req.method === "POST" && req.url?.startsWith("/api/webhook")) {
      captured.push({
        headers: { authorization: req.headers.authorization ?? "", "content-type": req.headers["content-type"] ?? "" },
        body,
      });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
      return;
    }
    forward(req, res, body, 0);
  });
});
function forward(req, res, body, tries) {
  const inst = upstream();
  if (!inst) return void res.writeHead(503).end();
  const out = httpRequest(
    { host: "127.0.0.1", port: inst.port, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${proxyPort}` } },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
      up.on("error", () => res.destroy());
    },
  );
  out.on("error", () => {
    // The instance is down (killed): the request never reached it, so another may take it.
    if (!res.headersSent && tries < 2) return forward(req, res, body, tries + 1);
    res.destroy();
  });
  out.end(body);
}
await new Promise((resolve) => proxy.listen(proxyPort, "127.0.0.1", resolve));

const sim = async (method, pathname, body) => {
  const r = await fetch(`${origin}/api/simulator/_sim${pathname}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
};

const stopAll = async () => {
  for (const inst of instances) if (inst.child && inst.child.exitCode === null) inst.child.kill("SIGKILL");
  proxy.close();
  await sql.end().catch(() => {});
  await database.close().catch(() => {});
};

let exitCode = 1;
try {
  log(`seed ${SEED}, ${N} subscriptions, duplicates ${DUPLICATES}, kill ${flags.kill}, faults ${FAULTS}; proxy ${origin}`);
  // The first instance migrates the empty database before the second starts on it.
  await startInstance(instances[0]);
  await startInstance(instances[1]);
  // The scheduled sync stays off: the run's own sync comes after the drain.
  await sql.query("insert into sync_settings (id, interval_minutes) values (1, 0) on conflict (id) do update set interval_minutes = 0");
  const reset = await sim("POST", "/reset", {});
  if (reset.status !== 200) throw new Error(`simulator reset: ${reset.status} ${JSON.stringify(reset.body)}`);
  const buyers = (await sim("GET", "/buyers")).body;
  const buyer = (Array.isArray(buyers) ? buyers : (buyers.people ?? buyers.buyers ?? []))[0];
  if (!buyer?.email) throw new Error(`no seeded buyer in ${JSON.stringify(buyers).slice(0, 300)}`);
  const purchaser = { email: buyer.email, tenantId: buyer.tenantId };
  if (FAULTS > 0) {
    const share = FAULTS / 4;
    const faults = await sim("PUT", "/faults", {
      rules: [
        { endpoint: "*", rate: share, effect: { type: "status", status: 429, retryAfterSeconds: 1 } },
        { endpoint: "*", rate: share, effect: { type: "status", status: 500 } },
        { endpoint: "*", rate: share, effect: { type: "status", status: 503 } },
        { endpoint: "*", rate: share, effect: { type: "drop", when: "after" } },
      ],
    });
    if (faults.status !== 200) throw new Error(`faults: ${faults.status} ${JSON.stringify(faults.body)}`);
  }

  // ---- drive Microsoft's side ----
  const driveStarted = Date.now();
  let refused = 0;
  const subs = [];
  const CONCURRENCY = 4;
  async function drive(i) {
    deadline();
    const seats = random() < 0.5;
    const purchase = seats
      ? { offerId: "contoso-teamwork", planId: "team", quantity: 5 + Math.floor(random() * 20) }
      : { offerId: "contoso-analytics", planId: pick(["starter", "professional"]) };
    const bought = await sim("POST", "/purchases", { ...purchase, purchaser, autoActivate: true, name: `chaos-${SEED}-${i}` });
    if (bought.status !== 201) throw new Error(`purchase: ${bought.status} ${JSON.stringify(bought.body)}`);
    const id = bought.body.subscriptionId;
    subs.push(id);
    let status = "Subscribed";
    const steps = Math.floor(random() * 6);
    for (let s = 0; s < steps && status !== "Unsubscribed"; s++) {
      const choices =
        status === "Suspended"
          ? ["reinstate", "reinstate", "unsubscribe"]
          : ["change", "change", "suspend", "renew", seats ? "change-quantity" : "change", "unsubscribe"];
      const action = pick(choices);
      let r;
      if (action === "change") {
        const planId = seats ? pick(["team", "business"]) : pick(["starter", "professional", "enterprise"]);
        r = await sim("POST", `/subscriptions/${id}/change-plan`, { planId });
      } else if (action === "change-quantity") {
        r = await sim("POST", `/subscriptions/${id}/change-quantity`, { quantity: 5 + Math.floor(random() * 50) });
      } else {
        r = await sim("POST", `/subscriptions/${id}/${action}`, {});
      }
      if (r.status !== 200) {
        // A transition Microsoft itself refuses (same plan, an operation still pending): not an operation.
        refused++;
        continue;
      }
      if (action === "suspend") status = "Suspended";
      if (action === "reinstate") status = "Subscribed";
      if (action === "unsubscribe") status = "Unsubscribed";
    }
  }
  let cursor = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (cursor < N) await drive(cursor++);
    }),
  );
  // Operations that settle by themselves (reinstatements, changes in their reject window) send later.
  const operationsQuery = "select count(*)::int as n from simulator.operations where status not in ('NotStarted', 'InProgress')";
  for (const until = Date.now() + 60_000; Date.now() < until;) {
    const { rows } = await sql.query("select count(*)::int as n from simulator.operations where status in ('NotStarted', 'InProgress')");
    if (rows[0].n === 0) break;
    await sleep(500);
  }
  await sleep(1500);
  const operations = (await sql.query(operationsQuery)).rows[0].n;
  log(
    `drove ${operations} operations on ${subs.length} subscriptions in ${((Date.now() - driveStarted) / 1000).toFixed(1)} s (${refused} refused by Microsoft); captured ${captured.length} webhooks`,
  );

  // ---- redeliver: every captured webhook plus duplicates, shuffled, to either instance ----
  const deliveries = [...captured];
  const duplicates = Math.round(captured.length * DUPLICATES);
  for (let d = 0; d < duplicates; d++) deliveries.push(pick(captured));
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
  }
  const killAt = flags.kill ? Math.floor(deliveries.length / 2) : -1;
  let killed = null;
  let sent = 0;
  let failedDeliveries = 0;
  const answers = new Map();
  async function deliver(item) {
    // Microsoft retries a delivery that got no answer or a 5xx; here up to 20 times, on any instance up.
    for (let attempt = 0; attempt < 20; attempt++) {
      deadline();
      const inst = upstream();
      if (inst) {
        const status = await fetch(`http://127.0.0.1:${inst.port}/api/webhook`, {
          method: "POST",
          headers: item.headers,
          body: item.body,
        }).then(
          (r) => r.status,
          () => 0,
        );
        if (status !== 0 && status < 500) return void answers.set(status, (answers.get(status) ?? 0) + 1);
      }
      await sleep(250 * (attempt + 1));
    }
    failedDeliveries++;
  }
  let position = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (position < deliveries.length) {
        const index = position++;
        if (index === killAt) {
          killed = instances[1];
          log(`SIGKILL instance :${killed.port} after ${index} of ${deliveries.length} deliveries`);
          killed.up = false;
          killed.child.kill("SIGKILL");
          await new Promise((r) => (killed.child.exitCode !== null || killed.child.signalCode ? r() : killed.child.once("exit", r)));
          // Restarted in the background while the other instance takes the deliveries.
          killed.restart = startInstance(killed).then(() => log(`instance :${killed.port} is back`));
        }
        await deliver(deliveries[index]);
        sent++;
      }
    }),
  );
  if (killed) await killed.restart;
  log(`delivered ${sent} (${[...answers].map(([s, n]) => `${n}×${s}`).join(", ")}), ${failedDeliveries} never answered`);

  // ---- drain: no inbox row left to process ----
  // Waits as long as the count keeps falling (a loaded machine drains slowly), and gives up after two
  // minutes without progress; the run's time limit bounds it either way.
  let open = 0;
  let fewest = Infinity;
  let progressAt = Date.now();
  for (;;) {
    deadline();
    open = (
      await sql.query(
        "select count(*)::int as n from webhook_inbox where state in ('received', 'processing') and next_attempt_at < now() + interval '2 minutes'",
      )
    ).rows[0].n;
    if (open < fewest) [fewest, progressAt] = [open, Date.now()];
    if (open === 0 || Date.now() - progressAt > 120_000) break;
    await sleep(1000);
  }
  log(`drained (${open} still due)`);
  if (FAULTS > 0) await sim("PUT", "/faults", { rules: [] });

  // ---- measure ----
  const perOperation = await sql.query(`
    select o.id, o.action::text as action,
      (select count(*)::int from webhook_inbox i where i.operation_id = o.id::text) as inbox,
      (select state::text from webhook_inbox i where i.operation_id = o.id::text limit 1) as state,
      (select count(*)::int from audit_events a
         where a.metadata->>'operationId' = o.id::text and a.action <> 'subscription.converged'
           and a.action not in ('operation.dropped', 'operation.superseded', 'operation.failed', 'subscription.transition_refused')) as applied
    from simulator.operations o where o.status not in ('NotStarted', 'InProgress')`);
  const rows = perOperation.rows;
  const stuckRows = (
    await sql.query("select state::text, count(*)::int as n from webhook_inbox where state not in ('processed', 'ignored') group by 1")
  ).rows;
  const stuck = stuckRows.reduce((n, r) => n + r.n, 0);
  const driftFields = ["status", "plan_id", "quantity", "term_start_date", "term_end_date", "is_free_trial", "auto_renew"];
  const driftRows = (
    await sql.query(`
    select ${driftFields.map((f) => `count(*) filter (where p.${f}::text is distinct from m.${f}::text)::int as ${f}`).join(", ")},
      count(*) filter (where p.id is null)::int as missing
    from simulator.subscriptions m left join subscriptions p on p.id = m.id`)
  ).rows[0];
  const drift = driftFields.reduce((n, f) => n + driftRows[f], 0) + driftRows.missing;

  // The reconciliation sync, through the portal's own command line, against the same simulator.
  const syncStarted = Date.now();
  const syncOut = await new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/portal.ts", "sync"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url, PGLITE_DIR: "", PUBLIC_BASE_URL: origin, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
  const syncRun = (await sql.query("select status::text, seen, drifted, imported from sync_runs order by started_at desc limit 1")).rows[0];
  log(`sync: ${syncOut.out.trim() || `exit ${syncOut.code}`} (${((Date.now() - syncStarted) / 1000).toFixed(1)} s)`);

  const lost = rows.filter((r) => r.inbox === 0).length;
  const appliedOnce = rows.filter((r) => r.applied === 1).length;
  const appliedTwice = rows.filter((r) => r.applied > 1).length;
  const table = [
    ["subscriptions", subs.length, ""],
    ["operations", operations, ""],
    ["deliveries (captured)", captured.length, ""],
    ["duplicates sent", duplicates, ""],
    ["instance killed and restarted", killed ? 1 : 0, ""],
    ["applied once", appliedOnce, "(the rest: superseded, stale or refused, healed by Microsoft's reading)"],
    ["applied twice", appliedTwice, "must be 0"],
    ["lost", lost, "must be 0"],
    [
      "stuck (not processed or ignored)",
      stuck,
      `must be 0${stuckRows.length ? `: ${stuckRows.map((r) => `${r.n} ${r.state}`).join(", ")}` : ""}`,
    ],
    ["deliveries never answered", failedDeliveries, "must be 0"],
    [
      "drift after the drain (fields)",
      drift,
      `must be 0${
        drift
          ? `: ${[...driftFields, "missing"]
              .filter((f) => driftRows[f])
              .map((f) => `${f} ${driftRows[f]}`)
              .join(", ")}`
          : ""
      }`,
    ],
    [
      "drift the sync found",
      syncRun?.drifted ?? "no run",
      syncRun ? `must be 0 (sync ${syncRun.status}, ${syncRun.seen} seen)` : "must run",
    ],
    ["seconds", Math.round((Date.now() - started) / 1000), ""],
  ];
  const width = Math.max(...table.map((r) => r[0].length));
  console.log(`\nchaos run, seed ${SEED}: ${N} subscriptions, duplicates ${DUPLICATES}, kill ${flags.kill}, faults ${FAULTS}`);
  for (const [label, value, note] of table) console.log(`  ${label.padEnd(width)}  ${String(value).padStart(7)}  ${note}`);
  const ok =
    appliedTwice === 0 &&
    lost === 0 &&
    stuck === 0 &&
    failedDeliveries === 0 &&
    drift === 0 &&
    syncRun?.status === "succeeded" &&
    syncRun.drifted === 0 &&
    operations > 0;
  console.log(ok ? "\nconverged: every figure that must be zero is zero" : "\nNOT CONVERGED");
  exitCode = ok ? 0 : 1;
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
  for (const inst of instances)
    if (inst.output.length) console.error(`--- instance :${inst.port} output (tail)\n${inst.output.join("").slice(-3000)}`);
} finally {
  await stopAll();
}
process.exit(exitCode);
