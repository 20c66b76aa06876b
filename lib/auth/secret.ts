import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";

/**
 * The session-signing secret: AUTH_SECRET, or (only with the simulator's sign-in, where env.ts
 * allows it) a random one generated once and kept beside the embedded database.
 */
export function getAuthSecret(): string {
  const env = getEnv();
  if (env.auth.secret) return env.auth.secret;
  const dir = env.database.kind === "pglite" ? path.dirname(path.resolve(env.database.dir)) : path.resolve(".data");
  const file = path.join(dir, "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    const secret = randomBytes(48).toString("base64url");
    try {
      writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      return readFileSync(file, "utf8").trim(); // another process wrote it first
    }
  }
}
