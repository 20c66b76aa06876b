import "server-only";
import { readFileSync } from "node:fs";
import type { DbOrTx } from "@/db/client";
import { pingDatabase } from "@/db/queries/health";
import { migrationStatus } from "@/db/migrate";
import { SIMULATOR_LOGIN_HOST, type Env } from "@/lib/env";
import { readCredentialExpiry } from "./credential-expiry";
import { createMsalTokenProvider, type MsalCredential } from "@/lib/marketplace";

/**
 * The configuration doctor: checks the configuration against the running world, one line per
 * check. Shared by `npm run -s portal -- doctor` and the admin settings page.
 */

export type CheckStatus = "pass" | "warn" | "fail" | "skip";

export interface DoctorCheck {
  id: "environment" | "database" | "marketplace-token" | "public-url" | "sign-in-metadata" | "credential-expiry";
  title: string;
  status: CheckStatus;
  detail: string;
}

export interface DoctorDeps {
  /** The configured database, or a reason it cannot be opened from here (e.g. a PGlite folder a server holds). */
  withDb: <T>(fn: (db: DbOrTx) => Promise<T>) => Promise<T>;
  /** Set when the database cannot be opened from here on purpose (a PGlite folder a running server holds). */
  databaseSkipReason?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Per outbound call (default 10 s). */
  timeoutMs?: number;
}

/** Credentials that expire within this many days are flagged. */
export const EXPIRY_WARNING_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** First line of an error, with the network cause fetch hides behind "fetch failed" (e.g. ECONNREFUSED). */
function message(err: unknown): string {
  let text = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && (cause.code || cause.message)) text += ` (${String(cause.code ?? cause.message)})`;
  return text.split("\n")[0]!.slice(0, 300);
}

/** Every check, in order; `env` is the already parsed configuration (the environment check itself is the parse). */
export async function runDoctor(env: Env, deps: DoctorDeps): Promise<DoctorCheck[]> {
  const doFetch = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const now = deps.now?.() ?? new Date();
  const checks: DoctorCheck[] = [
    {
      id: "environment",
      title: "Environment",
      status: "pass",
      detail: `valid (${env.marketplace.mode} mode, ${env.database.kind}, role ${env.role})`,
    },
  ];
  const [database, token, publicUrl, signIn] = await Promise.all([
    checkDatabase(deps),
    checkMarketplaceToken(env),
    checkPublicUrl(env, doFetch, timeoutMs),
    checkSignInMetadata(env, doFetch, timeoutMs),
  ]);
  checks.push(database, token, publicUrl, signIn);
  if (env.marketplace.mode === "live") checks.push(checkCredentialExpiry(env, now));
  return checks;
}

/** The environment could not be parsed: the one line the doctor can print. */
export function environmentFailure(problems: string[]): DoctorCheck {
  return { id: "environment", title: "Environment", status: "fail", detail: problems.join("; ") };
}

async function checkDatabase(deps: DoctorDeps): Promise<DoctorCheck> {
  const title = "Database reachable and migrated";
  if (deps.databaseSkipReason) return { id: "database", title, status: "skip", detail: deps.databaseSkipReason };
  try {
    const state = await deps.withDb(async (db) => {
      await pingDatabase(db);
      return migrationStatus({ db });
    });
    if (state.pending.length > 0)
      return {
        id: "database",
        title,
        status: "fail",
        detail: `${state.pending.length} of ${state.known} migrations not applied (${state.pending.join(", ")}): run npm run db:migrate`,
      };
    return { id: "database", title, status: "pass", detail: `reachable, ${state.known} migrations applied` };
  } catch (err) {
    return { id: "database", title, status: "fail", detail: message(err) };
  }
}

async function checkMarketplaceToken(env: Env): Promise<DoctorCheck> {
  const title = "Marketplace API token";
  const m = env.marketplace;
  if (m.mode === "emulator") return { id: "marketplace-token", title, status: "skip", detail: "Microsoft's emulator takes no token" };
  try {
    if (!m.credential) throw new Error("no credential configured");
    const credential: MsalCredential =
      m.credential.kind === "secret"
        ? m.credential
        : { kind: "certificate", privateKeyPem: readFileSync(m.credential.privateKeyPath, "utf8"), thumbprint: m.credential.thumbprint };
    // A provider of its own: the process's shared one may hold a cached token that hides a revoked credential.
    const tokens = createMsalTokenProvider({
      tenantId: m.tenantId,
      clientId: m.clientId,
      credential,
      simulatorOrigin: m.simulatorOrigin ?? undefined,
    });
    await tokens.getToken();
    return {
      id: "marketplace-token",
      title,
      status: "pass",
      detail: `obtained with the ${m.credential.kind === "secret" ? "client secret" : "certificate"} of ${m.clientId}`,
    };
  } catch (err) {
    return { id: "marketplace-token", title, status: "fail", detail: message(err) };
  }
}

async function checkPublicUrl(env: Env, doFetch: typeof fetch, timeoutMs: number): Promise<DoctorCheck> {
  const title = "Landing and webhook URLs reachable";
  const url = `${env.publicBaseUrl}/api/health`;
  try {
    const res = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
    await res.body?.cancel();
    if (!res.ok) return { id: "public-url", title, status: "fail", detail: `${url} answered HTTP ${res.status}` };
    return { id: "public-url", title, status: "pass", detail: `${url} answered HTTP ${res.status}` };
  } catch (err) {
    return { id: "public-url", title, status: "fail", detail: `${url}: ${message(err)}` };
  }
}

/** The OpenID discovery document of the sign-in issuer (Entra's, or the simulator's look-alike at its real origin). */
async function checkSignInMetadata(env: Env, doFetch: typeof fetch, timeoutMs: number): Promise<DoctorCheck> {
  const title = "Sign-in metadata discoverable";
  let url = `${env.auth.issuer}/.well-known/openid-configuration`;
  if (env.auth.simulatorOrigin && url.startsWith(SIMULATOR_LOGIN_HOST))
    url = env.auth.simulatorOrigin + url.slice(SIMULATOR_LOGIN_HOST.length);
  try {
    const res = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) {
      await res.body?.cancel();
      return { id: "sign-in-metadata", title, status: "fail", detail: `${url} answered HTTP ${res.status}` };
    }
    const doc = (await res.json()) as Record<string, unknown>;
    const missing = ["issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"].filter((k) => typeof doc[k] !== "string");
    if (missing.length > 0) return { id: "sign-in-metadata", title, status: "fail", detail: `${url} lacks ${missing.join(", ")}` };
    return { id: "sign-in-metadata", title, status: "pass", detail: `${env.auth.provider} issuer ${env.auth.issuer}` };
  } catch (err) {
    return { id: "sign-in-metadata", title, status: "fail", detail: `${url}: ${message(err)}` };
  }
}

/** Live mode: a certificate's notAfter, or the expiry recorded for a client secret (Microsoft never returns it). */
export function checkCredentialExpiry(env: Env, now: Date): DoctorCheck {
  const title = "App credential expiry";
  const found = readCredentialExpiry(env);
  if (!found.ok) return { id: "credential-expiry", title, status: found.status, detail: found.detail };
  const { what, expiresAt: expires } = found;
  const days = Math.floor((expires.getTime() - now.getTime()) / DAY_MS);
  const when = expires.toISOString().slice(0, 10);
  if (expires.getTime() <= now.getTime())
    return { id: "credential-expiry", title, status: "fail", detail: `the ${what} expired on ${when}` };
  if (days < EXPIRY_WARNING_DAYS)
    return { id: "credential-expiry", title, status: "warn", detail: `the ${what} expires on ${when}, in ${days} days: renew it now` };
  return { id: "credential-expiry", title, status: "pass", detail: `the ${what} expires on ${when}, in ${days} days` };
}

/** One line per check, e.g. "PASS  Database reachable and migrated: reachable, 31 migrations applied". */
export function formatCheck(c: DoctorCheck): string {
  return `${c.status.toUpperCase().padEnd(4)}  ${c.title}: ${c.detail}`;
}
