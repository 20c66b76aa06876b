import "server-only";
import { randomBytes } from "node:crypto";
import { closeSync, constants, fstatSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EnvError, getEnv, type Env } from "@/lib/env";

/** The generated secret's file name, inside the folder that holds the database. */
export const GENERATED_SECRET_FILE = "portal-auth-secret";

/**
 * The session-signing secret: AUTH_SECRET, or (only with the simulator's sign-in, where env.ts
 * allows it) a random one generated once and kept in the portal's own data folder. Whoever can
 * write that file can forge any session, owners included, so a file the portal did not create
 * for itself is refused rather than trusted.
 */
export function getAuthSecret(): string {
  const env = getEnv();
  return env.auth.secret ?? readOrCreateSecret(generatedSecretDir(env));
}

/**
 * The folder the database lives in: PGLITE_DIR itself (PGlite ignores a file it does not know
 * there, and its initdb accepts one), or `.data/` beside PostgreSQL and an in-memory PGlite. Not
 * the folder around PGLITE_DIR, which the portal does not own (e.g. a shared /tmp or /var/lib).
 */
export function generatedSecretDir(env: Pick<Env, "database">): string {
  const { database } = env;
  if (database.kind === "pglite" && !database.dir.startsWith("memory://")) return path.resolve(database.dir);
  return path.resolve(".data");
}

/** Reads the secret file in `dir`, creating folder (0700) and file (0600) when missing. */
export function readOrCreateSecret(dir: string): string {
  const file = path.join(dir, GENERATED_SECRET_FILE);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString("base64url");
  // Written whole under a private name, then linked into place: the link fails if the file
  // exists, so two processes starting together agree on one secret and neither reads half a file.
  const draft = `${file}.${process.pid}.${randomBytes(6).toString("hex")}`;
  writeFileSync(draft, secret, { flag: "wx", mode: 0o600 });
  try {
    linkSync(draft, file);
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    unlinkSync(draft);
  }
  return readOwnSecret(file);
}

function refuse(file: string, why: string): never {
  throw new EnvError([
    `The session secret file ${file} ${why}. Delete it to have a new one generated (signing everyone out), or set AUTH_SECRET`,
  ]);
}

/** Reads an existing secret file only if this user alone owns and can read it. */
function readOwnSecret(file: string): string {
  let fd: number;
  try {
    // O_NOFOLLOW: a symbolic link planted in the folder must not point us at someone else's file.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ELOOP") refuse(file, "is a symbolic link");
    throw err;
  }
  try {
    // Checked on the open file, so it cannot be swapped between the check and the read.
    const stat = fstatSync(fd);
    if (!stat.isFile()) refuse(file, "is not a regular file");
    const uid = process.getuid?.();
    if (uid !== undefined && stat.uid !== uid) refuse(file, `belongs to another user (uid ${stat.uid}, the portal runs as ${uid})`);
    if ((stat.mode & 0o077) !== 0) {
      refuse(file, `is group- or world-accessible (mode ${(stat.mode & 0o777).toString(8).padStart(4, "0")}, must be 0600)`);
    }
    const secret = readFileSync(fd, "utf8").trim();
    if (secret.length < 32) refuse(file, "holds fewer than 32 characters");
    return secret;
  } finally {
    closeSync(fd);
  }
}
