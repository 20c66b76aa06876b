import { spawn, spawnSync } from "node:child_process";
import { chownSync, chmodSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * Starts a throwaway PostgreSQL server from Debian's server binaries in a temporary folder on
 * 127.0.0.1. initdb and the server refuse to run as root, so as root they run as `postgres`.
 *
 * The server is a child of this process and stays in its process group (no `pg_ctl start`, which
 * puts the postmaster in a session of its own): whatever ends the test run's process group, a
 * stopped stage of `npm test` or Ctrl+C, ends the server too, and a process that exits without
 * calling `stop()` (Vitest on SIGTERM skips the global teardown) takes it along.
 */
export interface TestPostgres {
  url: string;
  stop(): void;
}

export function findPostgresBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

/** The `postgres` account's user and group IDs, to run the server binaries as when this process is root. */
function postgresAccount(): { uid: number; gid: number } {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  const [, , uid, gid] = line?.split(":") ?? [];
  if (uid === undefined || gid === undefined) throw new Error("running as root, and there is no postgres account to run PostgreSQL as");
  return { uid: Number(uid), gid: Number(gid) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startTestPostgres(binDir: string): Promise<TestPostgres> {
  const account: { uid?: number; gid?: number } = process.getuid?.() === 0 ? postgresAccount() : {};
  const dir = mkdtempSync(path.join(tmpdir(), "portal-pg-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  const port = await freePort();
  if (account.uid !== undefined && account.gid !== undefined) {
    chmodSync(dir, 0o755);
    chownSync(dir, account.uid, account.gid);
  }
  const initdb = spawnSync(path.join(binDir, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], {
    ...account,
    encoding: "utf8",
  });
  if (initdb.status !== 0) throw new Error(`initdb failed: ${initdb.stderr || initdb.stdout || initdb.error?.message}`);

  const log = openSync(logFile, "a");
  const server = spawn(
    path.join(binDir, "postgres"),
    ["-D", dataDir, "-c", "listen_addresses=127.0.0.1", "-p", String(port), "-k", dir, "-c", "fsync=off", "-c", "max_connections=200"],
    { ...account, stdio: ["ignore", log, log] },
  );
  closeSync(log);
  server.unref();
  let spawnError: Error | undefined;
  server.on("error", (err) => (spawnError ??= err));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;

  // Immediate shutdown (SIGQUIT): the data is thrown away with the folder.
  const stop = () => {
    process.off("exit", stop);
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGQUIT");
    // The server removes its PID file as it exits: the folder goes once nothing writes to it.
    const deadline = Date.now() + 10_000;
    while (existsSync(path.join(dataDir, "postmaster.pid")) && Date.now() < deadline) spawnSync("sleep", ["0.05"]);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  process.on("exit", stop);

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (spawnError || server.exitCode !== null || server.signalCode !== null) {
      const output = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
      stop();
      throw new Error(`postgres exited while starting: ${spawnError?.message ?? output}`);
    }
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query("select 1");
      return { url, stop };
    } catch (err) {
      if (Date.now() > deadline) {
        stop();
        throw new Error(`postgres did not accept connections within 60 s: ${(err as Error).message}`);
      }
      await sleep(100);
    } finally {
      await client.end().catch(() => {});
    }
  }
}
