import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { pgliteLockPath } from "@/db/pglite-lock";
import { authenticateApiKey } from "@/lib/api-keys/authenticate";
import { migratedPgliteFolder } from "@/test/db";
import { runPortalCli } from "./portal";

const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const dir = path.join(mkdtempSync(path.join(tmpdir(), "portal-cli-")), "pglite");

// This process's configuration, read once on the command line's first use (lib/env.ts), is the
// temporary PGlite folder's, as for the process `portalProcess` starts.
process.env.PGLITE_DIR = dir;
delete process.env.DATABASE_URL;

/**
 * The command line in this process (scripts/portal.ts calls runPortalCli with its arguments and
 * exits with the code it returns): starting tsx for every command cost about 3 CPU seconds each.
 */
async function portal(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runPortalCli(args, { out: (line) => (stdout += `${line}\n`), err: (line) => (stderr += `${line}\n`) });
  return { code, stdout, stderr };
}

/** Runs the command line as `npm run -s portal` does, in a process of its own, against the temporary PGlite folder. */
function portalProcess(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dir, NODE_ENV: "test" };
    delete env.DATABASE_URL;
    const child = spawn(tsx, ["--conditions=react-server", "scripts/portal.ts", ...args], { cwd: root, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// Each command opens PGlite: seconds on a busy machine. The folder starts as a copy of the run's
// migrated template, so no command pays for initdb and every migration.
describe("portal command line on a PGlite folder", { timeout: 180_000 }, () => {
  let holder: ChildProcess | undefined;
  beforeAll(() => migratedPgliteFolder(dir), 120_000);
  afterAll(() => {
    holder?.kill();
    rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it("creates a key and prints only the key, lists it and revokes it", async () => {
    const created = await portal("api-keys", "create", "--name", "billing system", "--scopes", "usage:write,subscriptions:read");
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^mpk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}\n$/);
    const key = created.stdout.trim();

    const listed = await portal("api-keys", "list", "--json");
    expect(listed.code).toBe(0);
    const [row] = JSON.parse(listed.stdout) as Array<{ id: string; name: string; scopes: string[]; status: string; prefix: string }>;
    expect(row).toMatchObject({
      name: "billing system",
      scopes: ["usage:write", "subscriptions:read"],
      status: "active",
      prefix: key.slice(4, 16),
    });
    expect(listed.stdout).not.toContain(key.slice(17));

    const revoked = await portal("api-keys", "revoke", row!.id);
    expect(revoked).toMatchObject({ code: 0, stdout: expect.stringContaining(`Revoked API key ${row!.id}`) });
    expect(await portal("api-keys", "revoke", row!.id)).toMatchObject({ code: 1, stderr: expect.stringContaining("already revoked") });

    const handle = openDatabase({ kind: "pglite", dir });
    try {
      expect(await authenticateApiKey(handle.db, `Bearer ${key}`)).toEqual({ ok: false, reason: "revoked" });
    } finally {
      await handle.close();
    }
  });

  it("refuses bad arguments with the usage text", async () => {
    const r = await portalProcess("api-keys", "create", "--name", "x", "--scopes", "everything");
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("unknown: everything");
    expect(r.stdout).toBe("");
  });

  it("refuses in one line while a running server holds the folder, and works once it has stopped", async () => {
    // The server's side of the lock (db/index.ts calls holdPgliteFolder when it opens the folder).
    const script = `import { holdPgliteFolder } from "./db/pglite-lock.ts"; holdPgliteFolder(${JSON.stringify(dir)}); process.on("SIGTERM", () => process.exit(0)); console.log("held"); setInterval(() => {}, 1000);`;
    holder = spawn(tsx, ["--eval", script], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => holder!.stdout!.once("data", () => resolve()));

    const refused = await portal("api-keys", "list");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr.trim().split("\n")).toEqual([expect.stringMatching(/held by a running server \(PID \d+\)/)]);

    await new Promise<void>((resolve) => {
      holder!.once("exit", () => resolve());
      holder!.kill("SIGTERM");
    });
    expect(existsSync(pgliteLockPath(dir))).toBe(false);
    expect((await portal("api-keys", "list")).code).toBe(0);
  });
});
