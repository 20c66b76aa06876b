import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * PGlite is a single-process database: two processes with one data folder open corrupt it, and
 * PGlite itself leaves no mark that the folder is in use. Whoever opens a folder (the server, the
 * command line in scripts/portal.ts) therefore first creates `<folder>.lock` beside it, atomically,
 * holding its PID and what it is, and removes it when it exits; the other refuses to open a folder
 * whose lock names a live process. A lock left by a killed process names a dead PID and is replaced.
 */
export function pgliteLockPath(dir: string): string {
  return `${path.resolve(dir).replace(/[\\/]+$/, "")}.lock`;
}

export type PgliteHolderKind = "server" | "command line";
export interface PgliteHolder {
  pid: number;
  kind: PgliteHolderKind;
}

/** Refused to open a PGlite folder another live process holds. Its message is one line. */
export class PgliteBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: PgliteHolder,
    advice: string,
  ) {
    super(
      `The PGlite folder ${dir} is held by ${holder.kind === "server" ? "a running server" : "the portal command line"} (PID ${holder.pid}); ${advice}`,
    );
    this.name = "PgliteBusyError";
  }
}

/**
 * Claims `dir` for this process (the lock is created exclusively, so two processes starting at once
 * cannot both win) and releases it when the process exits. Throws PgliteBusyError when another live
 * process holds it. Returns the release function (idempotent).
 */
export function claimPgliteFolder(dir: string, kind: PgliteHolderKind, advice: string): () => void {
  if (dir.startsWith("memory://")) return () => {};
  const file = pgliteLockPath(dir);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid} ${kind}\n`, { flag: "wx" });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = pgliteFolderHolderOf(dir);
      if (holder) throw new PgliteBusyError(dir, holder, advice);
      // Our own lock (a second open in this process), or a dead process's: take it over.
      if (readHolder(file)?.pid === process.pid) break;
      if (attempt > 2) throw err;
      try {
        unlinkSync(file);
      } catch {
        // Removed meanwhile by its owner or by another claimant: try again.
      }
    }
  }
  const release = () => {
    try {
      if (readHolder(file)?.pid === process.pid) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  process.once("exit", release);
  return release;
}

/** The server's claim on `dir` (db/index.ts), kept until the process exits. */
export function holdPgliteFolder(dir: string): void {
  claimPgliteFolder(dir, "server", "let it finish (or stop it), or use DATABASE_URL with PostgreSQL.");
}

function readHolder(file: string): PgliteHolder | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
  const [pidText, ...rest] = text.split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, kind: rest.join(" ") === "command line" ? "command line" : "server" };
}

/** Another live process holding `dir` (its PID and kind), or null when none does. */
export function pgliteFolderHolderOf(dir: string): PgliteHolder | null {
  if (dir.startsWith("memory://")) return null;
  const holder = readHolder(pgliteLockPath(dir));
  if (!holder || holder.pid === process.pid) return null;
  try {
    process.kill(holder.pid, 0); // signal 0: only asks whether the process exists
    return holder;
  } catch (err) {
    // EPERM: it exists but belongs to another user, so it is alive.
    return (err as NodeJS.ErrnoException).code === "EPERM" ? holder : null;
  }
}

/** The PID of another live process holding `dir`, or null when none does. */
export function pgliteFolderHolder(dir: string): number | null {
  return pgliteFolderHolderOf(dir)?.pid ?? null;
}
