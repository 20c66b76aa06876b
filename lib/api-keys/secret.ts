import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Key format: `mpk_<prefix>_<secret>`. The prefix (48 random bits, hex) is public and finds the row;
 * the secret (256 random bits, base64url) is stored only as its SHA-256. The leading `mpk_` lets
 * secret scanners recognise a leaked key.
 */
export const API_KEY_PREFIX = "mpk_";
const KEY_PATTERN = /^mpk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedKey {
  key: string;
  prefix: string;
  secretHash: string;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function generateApiKey(): GeneratedKey {
  const prefix = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { key: `${API_KEY_PREFIX}${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

/** The key's parts, or null when it is not shaped like one of ours. */
export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const m = KEY_PATTERN.exec(key);
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

/** Compares the secret's hash with the stored one in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
