// profile next start under webhook load (postgres)
import { spawn } from "node:child_process";
import { rmSync, mkdirSync } from "node:fs";
process.chdir("/work/main");
const { load } = await import("/work/main/bench/webhook-load.mjs");
const { benchDatabase } = await import("/work/main/bench/webhook-postgres.mjs");
const { prepareWebhookTokens } = await import("/work/main/bench/webhook-tokens.mjs");
const { freePort } = await import("/work/main/bench/lib.mjs");
const pgDb = await benchDatabase(process.env.DATABASE_URL);
const config = { kind: "postgres", url: pgDb.url };
const prep = await prepareWebhookTokens(config, 64);
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
rmSync("/tmp/prof/out", { recursive: true, force: true }); mkdirSync("/tmp/prof/out");
const child = spawn(process.execPath, (process.env.XPROTO ? ["bench/_proto.mjs"] : ["--cpu-prof", "--cpu-prof-dir=/tmp/prof/out", "server.mjs", "-H", "127.0.0.1", "-p", String(port)]), {
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PUBLIC_BASE_URL: baseUrl, DATABASE_URL: pgDb.url, PORT: String(port), BENCH_BARE_CONFIG: JSON.stringify({ url: pgDb.url, publicJwk: prep.publicJwk, audience: prep.audience, issuers: ["https://login.simulator.invalid/" + prep.tenantId + "/v2.0", "https://sts.simulator.invalid/" + prep.tenantId + "/"] }) },
  stdio: ["ignore", "inherit", "inherit"],
});
for (;;) { try { const r = await fetch(`${baseUrl}/api/health`); if (r.ok) break; } catch {} await new Promise((r) => setTimeout(r, 250)); }
const url = `${baseUrl}/api/webhook`;
await load({ url, tokens: prep.tokens, action: "Renew", connections: 10, duration: 3, maxRequests: 300 });
const r = await load({ url, tokens: prep.tokens, action: "Renew", connections: 50, duration: Number(process.env.DUR ?? 10), maxRequests: 30000 });
console.log(JSON.stringify({ rps: r.rps, p50: r.p50, p99: r.p99, statuses: r.statuses }));
child.kill("SIGINT");
await new Promise((res) => child.once("exit", res));
await pgDb.close();
