import "server-only";
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Env } from "@/lib/env";

export type CredentialExpiry =
  | {
      ok: true;
      what: "client secret" | "certificate";
      /** Names this credential, not its value: a rotated secret or a new certificate is another key. */
      key: string;
      expiresAt: Date;
    }
  | { ok: false; status: "warn" | "fail" | "skip"; detail: string };

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * When the marketplace app credential expires: a certificate's notAfter, or the expiry recorded for
 * a client secret (MARKETPLACE_CLIENT_SECRET_EXPIRES), since Microsoft never returns a secret's expiry.
 */
export function readCredentialExpiry(env: Env): CredentialExpiry {
  const credential = env.marketplace.credential;
  if (env.marketplace.mode !== "live" || !credential) return { ok: false, status: "skip", detail: "no credential" };
  if (credential.kind === "certificate") {
    try {
      const pem = readFileSync(credential.privateKeyPath, "utf8");
      const block = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
      if (!block)
        return {
          ok: false,
          status: "warn",
          detail: `${credential.privateKeyPath} holds no certificate next to the key, so its expiry cannot be read`,
        };
      const expiresAt = new Date(new X509Certificate(block).validTo);
      return { ok: true, what: "certificate", key: `certificate:${credential.thumbprint.toLowerCase()}`, expiresAt };
    } catch (err) {
      return { ok: false, status: "fail", detail: message(err) };
    }
  }
  const expiresAt = env.marketplace.clientSecretExpiresAt;
  if (!expiresAt)
    return {
      ok: false,
      status: "warn",
      detail: "MARKETPLACE_CLIENT_SECRET_EXPIRES is not set: record the secret's expiry from the app registration",
    };
  return { ok: true, what: "client secret", key: `secret:${env.marketplace.clientId}:${expiresAt.toISOString()}`, expiresAt };
}
