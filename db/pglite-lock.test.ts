import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migratedPgliteFolder } from "@/test/db";
import { pgliteFolderHolder, pgliteLockPath } from "./pglite-lock";

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
    expect(readFileSync(pgliteLockPath(dir), "utf8").trim()).toBe(String(process.pid));
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
});
