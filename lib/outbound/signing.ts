import "server-only";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

const SECRET_PREFIX = "whsec_";
/** How long the old secret keeps signing after a rotation, so receivers can switch without gaps. */
export const SECRET_ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

/** 32 random bytes, in the `whsec_<base64>` form the Standard Webhooks libraries read. */
export function generateSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

export interface SigningKeys {
  secret: string;
  previousSecret?: string | null;
  previousSecretExpiresAt?: Date | null;
}

/**
 * The three Standard Webhooks headers. The signature covers `id.timestamp.body`; during a
 * rotation both secrets sign, space-separated, and a receiver accepts either.
 */
export function signatureHeaders(keys: SigningKeys, messageId: string, body: string, now: Date): Record<string, string> {
  const secrets = [keys.secret];
  if (keys.previousSecret && keys.previousSecretExpiresAt && keys.previousSecretExpiresAt > now) secrets.push(keys.previousSecret);
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": secrets.map((s) => new Webhook(s).sign(messageId, now, body)).join(" "),
  };
}
