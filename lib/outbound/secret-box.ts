import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "@/lib/env";

const PREFIX = "enc:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD = Buffer.from("outbound-endpoint-secret");

export class SecretBoxError extends Error {
  override name = "SecretBoxError";
}

/**
 * Outbound signing secrets at rest. HMAC needs the secret itself, so it cannot be hashed; with
 * `DATA_ENCRYPTION_KEY` set it is stored AES-256-GCM encrypted, and a database dump alone no
 * longer lets anyone forge the ISV's events. Without the setting it is stored as it is.
 */
export interface SecretBox {
  readonly encrypting: boolean;
  isSealed(stored: string): boolean;
  seal(plain: string): string;
  /** Reads both forms: rows stored before a key was configured stay readable. */
  open(stored: string): string;
}

export function createSecretBox(keySetting: string | null): SecretBox {
  const key = keySetting
    ? Buffer.from(hkdfSync("sha256", keySetting, Buffer.alloc(0), "marketplace-portal outbound secrets v1", 32))
    : null;
  const isSealed = (stored: string) => stored.startsWith(PREFIX);
  return {
    encrypting: key !== null,
    isSealed,
    seal(plain) {
      if (!key) return plain;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(AAD);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
    },
    open(stored) {
      if (!isSealed(stored)) return stored;
      if (!key)
        throw new SecretBoxError("outbound endpoint secrets are encrypted: set DATA_ENCRYPTION_KEY to the key they were encrypted with");
      const raw = Buffer.from(stored.slice(PREFIX.length), "base64url");
      if (raw.length <= IV_BYTES + TAG_BYTES) throw new SecretBoxError("an encrypted outbound secret is damaged");
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES)).setAAD(AAD);
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString("utf8");
      } catch {
        throw new SecretBoxError("an outbound secret could not be decrypted: DATA_ENCRYPTION_KEY is not the key it was encrypted with");
      }
    },
  };
}

const globalForBox = globalThis as unknown as { outboundSecretBox?: SecretBox };

/** This process's box, from `DATA_ENCRYPTION_KEY`. */
export function getSecretBox(): SecretBox {
  globalForBox.outboundSecretBox ??= createSecretBox(getEnv().dataEncryptionKey);
  return globalForBox.outboundSecretBox;
}
