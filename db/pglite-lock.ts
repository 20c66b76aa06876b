import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * PGlite is a single-process database: two processes with one data folder open corrupt it, and
 * PGlite itself leaves no mark that the folder is in use. The server therefore writes its PID into
 * `<folder>.lock` beside the folder while it runs, and the command line (scripts/portal.ts) refuses
 * to open a folder whose lock names a live process. A lock left by a killed server names a dead
 * PID and is ignored.
 */
export function pgliteLockPath(dir: string): string {
  return `${path.resolve(dir).replace(/[\\/]+$/, "")}.lock`;
}

/** Writes this process's lock on `dir` and removes it when the process exits. */
export function holdPgliteFolder(dir: string): void {
  if (dir.startsWith("memory://")) return;
  const file = pgliteLockPath(dir);
  writeFileSync(file, `${process.pid}\n`);
  process.once("exit", () => {
    try {
      if (readFileSync(file, "utf8").trim() === String(process.pid)) unlinkSync(file);
    } catch {
      // Already gone.
    }
  });
}

/** The PID of another live process holding `dir`, or null when none does. */
export function pgliteFolderHolder(dir: string): number | null {
  if (dir.startsWith("memory://")) return null;
  let pid: number;
  try {
    pid = Number(readFileSync(pgliteLockPath(dir), "utf8").trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return pid;
  } catch (err) {
    // EPERM: it exists but belongs to another user, so it is alive.
    return (err as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}
