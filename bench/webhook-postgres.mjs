// A PostgreSQL database for one benchmark run: a fresh database on DATABASE_URL's server, or a
// throwaway server from Debian's binaries (as test/postgres-server.ts does), on 127.0.0.1 only.
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./lib.mjs";

function binDir() {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const v = readdirSync(root)
    .filter((d) => existsSync(path.join(root, d, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a))[0];
  return v ? path.join(root, v, "bin") : null;
}

async function startServer() {
  const bin = binDir();
  if (!bin) throw new Error("PostgreSQL server binaries not found: set DATABASE_URL or apt-get install postgresql");
  const isRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "portal-bench-pg-"));
  const data = path.join(dir, "data");
  const port = await freePort();
  if (isRoot) {
    chmodSync(dir, 0o755);
    execFileSync("chown", ["postgres:postgres", dir]);
  }
  // initdb refuses to run as root.
  const run = (cmd, args) => {
    const [c, a] = isRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
    const r = spawnSync(c, a, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  run(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  // Durability as shipped (fsync on): the numbers should hold for a real server, not a RAM disk.
  run(path.join(bin, "pg_ctl"), [
    "-D",
    data,
    "-l",
    path.join(dir, "server.log"),
    "-w",
    "-t",
    "60",
    "-o",
    // BENCH_PG_OPTIONS adds server settings, e.g. "-c shared_preload_libraries=pg_stat_statements".
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200 ${process.env.BENCH_PG_OPTIONS ?? ""}`.trim(),
    "start",
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** `{ url, close }` of an empty database that the run owns and drops at the end. */
export async function benchDatabase(databaseUrl) {
  const server = databaseUrl ? null : await startServer();
  const serverUrl = databaseUrl || server.url;
  const name = `bench_webhook_${randomBytes(4).toString("hex")}`;
  const admin = async (sql) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    shared: Boolean(databaseUrl),
    async close() {
      try {
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        server?.stop();
      }
    },
  };
}
