import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migratedPgliteFolder } from "@/test/db";
import {
  claimPgliteFolder,
  holdPgliteFolder,
  PgliteBusyError,
  pgliteFolderHolder,
  pgliteFolderHolderOf,
  pgliteLockPath,
} from "./pglite-lock";

const base = mkdtempSync(path.join(tmpdir(), "pglite-lock-"));
const dir = path.join(base, "pglite");

// A folder on disk, filled from the run's migrated template: opening it still starts PGlite.
describe("the PGlite folder lock", { timeout: 180_000 }, () => {
  afterAll(async () => {
    const { getDatabase } = await import("@/db");
    await (await getDatabase()).close();
    rmSync(base, { recursive: true, force: true });
  });

  it("is written with the server's PID when the process-wide database opens a folder", async () => {
    await migratedPgliteFolder(dir);
    process.env.PGLITE_DIR = dir;
    delete process.env.DATABASE_URL;
    const { getDatabase } = await import("@/db");
    await getDatabase();
    expect(readFileSync(pgliteLockPath(dir), "utf8").trim()).toBe(`${process.pid} server`);
    // The holder is this very process: not "another" one.
    expect(pgliteFolderHolder(dir)).toBeNull();
  });

  it("names a live process, and ignores one that has exited (a killed server's stale lock)", () => {
    const other = path.join(base, "other");
    writeFileSync(pgliteLockPath(other), `${process.ppid}\n`);
    expect(pgliteFolderHolder(other)).toBe(process.ppid);
    const exited = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    writeFileSync(pgliteLockPath(other), `${exited.stdout}\n`);
    expect(pgliteFolderHolder(other)).toBeNull();
    expect(pgliteFolderHolder(path.join(base, "never-opened"))).toBeNull();
    expect(pgliteFolderHolder("memory://")).toBeNull();
  });

  it("is claimed by one process at a time: a server is refused in one line while the command line holds the folder", async () => {
    const folder = path.join(base, "claimed");
    // Another live process (the test runner's parent) holds it as the command line.
    writeFileSync(pgliteLockPath(folder), `${process.ppid} command line\n`);
    expect(pgliteFolderHolderOf(folder)).toEqual({ pid: process.ppid, kind: "command line" });
    let refusal: unknown;
    try {
      holdPgliteFolder(folder);
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(PgliteBusyError);
    expect((refusal as Error).message.split("\n")).toEqual([expect.stringMatching(/held by the portal command line \(PID \d+\)/)]);
    expect(readFileSync(pgliteLockPath(folder), "utf8").trim()).toBe(`${process.ppid} command line`);

    // Once that process has gone, its lock is stale: the claim succeeds and is released.
    const exited = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    writeFileSync(pgliteLockPath(folder), `${exited.stdout} command line\n`);
    const release = claimPgliteFolder(folder, "command line", "");
    expect(readFileSync(pgliteLockPath(folder), "utf8").trim()).toBe(`${process.pid} command line`);
    release();
    expect(existsSync(pgliteLockPath(folder))).toBe(false);
  });
});
