import "server-only";
import { log } from "@/lib/log";
import type { DbOrTx } from "@/db/client";
import { getApiKeyByPrefix, touchApiKeyLastUsed } from "@/db/queries/api-keys";
import type { ApiKey, ApiKeyScope } from "@/db/schema";
import { parseApiKey, secretMatches } from "./secret";

export type KeyAuthentication =
  { ok: true; key: ApiKey } | { ok: false; reason: "missing" | "malformed" | "unknown" | "revoked" | "expired" };

/** Last use is written at most this often per key: a write per request would double the cost of ingestion. */
export const LAST_USED_INTERVAL_SECONDS = 60;

/**
 * A key found valid is trusted for this long without reading its row again, so a stream of ingestion
 * requests costs no key lookup each. The bound on revocation: a key revoked through this instance is
 * refused at once; one revoked elsewhere (another instance, the command line) within this many seconds.
 */
export const KEY_CACHE_SECONDS = 5;
const KEY_CACHE_MAX = 1000;

// Per process, on globalThis so every route bundle shares them: when this instance last recorded each
// key's use, and the key rows it recently found valid (by prefix).
const globalForKeys = globalThis as unknown as {
  apiKeyTouchedAt?: Map<string, number>;
  apiKeyCache?: Map<string, { key: ApiKey; until: number }>;
};

/** Drops a key from this instance's cache (after its revocation). */
export function forgetApiKey(id: string): void {
  const cache = globalForKeys.apiKeyCache;
  if (!cache) return;
  for (const [prefix, entry] of cache) if (entry.key.id === id) cache.delete(prefix);
}

async function findKey(db: DbOrTx, prefix: string, nowMs: number): Promise<ApiKey | undefined> {
  const cache = (globalForKeys.apiKeyCache ??= new Map());
  const hit = cache.get(prefix);
  if (hit && hit.until > nowMs) return hit.key;
  const key = await getApiKeyByPrefix(db, prefix);
  if (key && !key.revokedAt) {
    if (cache.size >= KEY_CACHE_MAX) cache.clear();
    cache.set(prefix, { key, until: nowMs + KEY_CACHE_SECONDS * 1000 });
  } else cache.delete(prefix);
  return key;
}

/**
 * The key in an `Authorization: Bearer <key>` header. Its row is read from the database at most every
 * KEY_CACHE_SECONDS per instance; the secret, the expiry and the revocation are checked on every call.
 */
export async function authenticateApiKey(db: DbOrTx, authorization: string | null, now = new Date()): Promise<KeyAuthentication> {
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  if (!match) return { ok: false, reason: "missing" };
  const parts = parseApiKey(match[1]!);
  if (!parts) return { ok: false, reason: "malformed" };
  const key = await findKey(db, parts.prefix, now.getTime());
  if (!key || !secretMatches(parts.secret, key.secretHash)) return { ok: false, reason: "unknown" };
  if (key.revokedAt) return { ok: false, reason: "revoked" };
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  await recordUse(db, key.id, now.getTime());
  return { ok: true, key };
}

export function hasScope(key: Pick<ApiKey, "scopes">, scope: ApiKeyScope): boolean {
  return key.scopes.includes(scope);
}

async function recordUse(db: DbOrTx, id: string, nowMs: number): Promise<void> {
  const touched = (globalForKeys.apiKeyTouchedAt ??= new Map());
  const last = touched.get(id);
  if (last !== undefined && nowMs - last < LAST_USED_INTERVAL_SECONDS * 1000) return;
  touched.set(id, nowMs);
  try {
    await touchApiKeyLastUsed(db, id, LAST_USED_INTERVAL_SECONDS);
  } catch (err) {
    // Bookkeeping only: a failed write must not refuse the call.
    touched.delete(id);
    log.warn({ err }, "api-keys: could not record a key's last use");
  }
}
