import "server-only";
import { z } from "zod";
import { LOG_LEVELS, parseLogLevel, type LogLevel } from "@/lib/log/config.mjs";
import {
  MARKETPLACE_APP_ID,
  SIMULATOR_CLIENT_ID,
  SIMULATOR_CLIENT_SECRET,
  SIMULATOR_LOGIN_HOST,
  SIMULATOR_SIGNIN_CLIENT_ID,
  SIMULATOR_SIGNIN_CLIENT_SECRET,
  SIMULATOR_STAFF_DOMAIN,
  SIMULATOR_TENANT_ID,
} from "marketplace-simulator/constants";

/**
 * The portal's whole configuration, parsed once from the environment. Nothing else reads
 * `process.env`. Three marketplace modes follow from what is set:
 * - simulator: no marketplace settings at all (the default, everything on this machine);
 * - live: Entra tenant, client ID and a secret or certificate (Microsoft's production API);
 * - emulator: only MARKETPLACE_API_BASE_URL (Microsoft's public API emulator, which names the
 *   publisher with a `publisherId` query parameter instead of a bearer token).
 */

export type MarketplaceMode = "simulator" | "live" | "emulator";
/** all: pages, routes, webhook and background loops; web: no loops; worker: only the loops (and health). */
export type PortalRole = "all" | "web" | "worker";
export const PORTAL_ROLES = ["all", "web", "worker"] as const;
export type DatabaseConfig = { kind: "pglite"; dir: string } | { kind: "postgres"; url: string };
export type MarketplaceCredential =
  { kind: "secret"; secret: string } | { kind: "certificate"; privateKeyPath: string; thumbprint: string };

// Microsoft's app ID and the fixed identities the built-in simulator plays are defined once, by
// the simulator package (the only import of it outside the simulator's mounts).
export {
  MARKETPLACE_APP_ID,
  SIMULATOR_CLIENT_ID,
  SIMULATOR_CLIENT_SECRET,
  SIMULATOR_LOGIN_HOST,
  SIMULATOR_PUBLISHER_ID,
  SIMULATOR_SIGNIN_CLIENT_ID,
  SIMULATOR_SIGNIN_CLIENT_SECRET,
  SIMULATOR_STAFF_DOMAIN,
  SIMULATOR_TENANT_ID,
} from "marketplace-simulator/constants";

export const LIVE_API_BASE_URL = "https://marketplaceapi.microsoft.com/api";
/** The simulator's owner is bootstrapped only with its sign-in. */
export const SIMULATOR_OWNER = `owner@${SIMULATOR_STAFF_DOMAIN}`;

export interface Env {
  nodeEnv: "development" | "production" | "test";
  port: number;
  /** SUPPORT_EMAIL / SUPPORT_URL: where buyer pages send a buyer who is stuck (lib/support.ts). */
  support: { email: string | null; url: string | null };
  /** PORTAL_ROLE: which part of the portal this process runs (default all). */
  role: PortalRole;
  /** The origin buyers and Microsoft reach the portal on, without a trailing slash. */
  publicBaseUrl: string;
  database: DatabaseConfig;
  marketplace: {
    mode: MarketplaceMode;
    apiBaseUrl: string;
    tenantId: string;
    clientId: string;
    credential: MarketplaceCredential | null;
    /** MARKETPLACE_CLIENT_SECRET_EXPIRES: Microsoft never reports a secret's expiry, so the operator records it. */
    clientSecretExpiresAt: Date | null;
    /** Set in simulator mode: where the look-alike Entra token endpoint lives. */
    simulatorOrigin: string | null;
    /** Emulator mode only: the publisher the emulator should act for. */
    publisherId: string | null;
  };
  /** Sign-in (buyers and staff) with Microsoft Entra ID, or the simulator's look-alike of it. */
  auth: {
    /** null: generated and kept under the data folder (only allowed with the simulator's sign-in). */
    secret: string | null;
    provider: "entra" | "simulator";
    clientId: string;
    clientSecret: string;
    /** e.g. https://login.microsoftonline.com/common/v2.0 (multi-tenant: work, school and personal accounts). */
    issuer: string;
    /** Simulator sign-in only: where `SIMULATOR_LOGIN_HOST` is really served. */
    simulatorOrigin: string | null;
    /** Entra tenant of the ISV's own staff; staff signing in from elsewhere are refused. */
    staffTenantId: string;
    /** Owners bootstrapped into the staff list on first run (e-mail addresses). */
    bootstrapOwners: string[];
  };
  /** Shared secret the SaaS product uses to verify hand-off tokens (HS256). */
  handoff: { secret: string | null };
  /** Encrypts outbound endpoint signing secrets at rest (lib/outbound/secret-box.ts); null stores them as they are. */
  dataEncryptionKey: string | null;
  /** SMTP_URL and MAIL_FROM: the e-mail channel of notifications (lib/notifications); null url: no configured channel. */
  mail: { smtpUrl: string | null; from: string | null };
  simulator: {
    /** Fulfillment, Metering, control API and storefront: simulator mode only. */
    apiEnabled: boolean;
    /** The Entra look-alike: whenever the simulator or its sign-in is in use. */
    identityEnabled: boolean;
  };
  /** Proxies in front of the portal whose X-Forwarded-For entry is trusted (TRUST_PROXY_HOPS, default 0); server.mjs applies it. */
  trustProxyHops: number;
  /** /api/v1: requests a minute per API key (API_RATE_LIMIT_PER_MINUTE, default 3000; 0 turns the limit off). */
  api: { requestsPerMinutePerKey: number };
  /** LOG_LEVEL: fatal, error, warn, info, debug, trace or silent (default info; debug in development, warn in tests). */
  logLevel: LogLevel;
  /** METRICS_TOKEN: the bearer token /api/metrics asks for; null turns the endpoint off (404). */
  metricsToken: string | null;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: where traces go (OTLP over HTTP); null: no tracing, nothing of OpenTelemetry loaded. */
  otlpEndpoint: string | null;
  /** The usage submission job (lib/metering/job.ts). */
  metering: { submitIntervalSeconds: number; closeDelaySeconds: number };
  webhook: {
    audience: string;
    tenantId: string;
    /** `azp`/`appid` values accepted on webhook tokens. */
    allowedAppIds: string[];
    /** Where the signing keys are discovered (Entra's, or the simulator's look-alike). */
    openIdConfigurationUrl: string;
    /** Accepted `iss` values: the v2 and the v1 form, since the version follows the app registration. */
    issuers: string[];
    /** Emulator mode only: Microsoft's emulator sends no token without real Entra credentials. */
    authDisabled: boolean;
  };
}

const blank = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());
const uuid = z.uuid({ message: "must be a GUID" });
const httpUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" });

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  - ${p}`).join("\n") +
        "\nSee the README's configuration section.",
    );
    this.name = "EnvError";
  }
}

type Raw = Record<string, string | undefined>;

/** Parses a raw environment; collects every problem before failing so one message lists them all. */
export function parseEnv(raw: Raw): Env {
  const get = (k: string) => blank(raw[k]);
  const problems: string[] = [];
  const check = <T>(key: string, schema: z.ZodType<T>, value: unknown): T | undefined => {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    problems.push(`${key} ${r.error.issues[0]?.message ?? "is invalid"} (got "${String(value)}")`);
    return undefined;
  };

  const nodeEnvRaw = get("NODE_ENV") ?? "development";
  const nodeEnv = (["development", "production", "test"] as const).find((n) => n === nodeEnvRaw) ?? "development";
  const role = check("PORTAL_ROLE", z.enum(PORTAL_ROLES, { message: "must be all, web or worker" }), get("PORTAL_ROLE") ?? "all") ?? "all";
  const port = check("PORT", z.coerce.number().int().min(1).max(65535), get("PORT") ?? "3000") ?? 3000;
  // Next.js rewrites loopback addresses to "localhost" in request URLs; sign-in callbacks must
  // match the URL the browser started from, so loopback origins are spelled "localhost" too.
  const publicBaseUrl = (check("PUBLIC_BASE_URL", httpUrl, get("PUBLIC_BASE_URL") ?? `http://localhost:${port}`) ?? "")
    .replace(/\/+$/, "")
    .replace(/^(https?:\/\/)(127(?:\.\d{1,3}){3}|\[::1\])(?=[:/]|$)/, "$1localhost");

  const databaseUrl = get("DATABASE_URL");
  let database: DatabaseConfig = { kind: "pglite", dir: get("PGLITE_DIR") ?? ".data/pglite" };
  if (databaseUrl) {
    check("DATABASE_URL", z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"), databaseUrl);
    database = { kind: "postgres", url: databaseUrl };
  }

  const tenantId = get("MARKETPLACE_TENANT_ID");
  const clientId = get("MARKETPLACE_CLIENT_ID");
  const secret = get("MARKETPLACE_CLIENT_SECRET");
  const certPath = get("MARKETPLACE_CERTIFICATE_PATH");
  const thumbprint = get("MARKETPLACE_CERTIFICATE_THUMBPRINT");
  const apiBaseUrl = get("MARKETPLACE_API_BASE_URL");
  const credentialKeys = { tenantId, clientId, secret, certPath, thumbprint };
  const anyCredential = Object.values(credentialKeys).some(Boolean);
  const webhookAuthDisabled = get("WEBHOOK_AUTH_DISABLED") === "true";

  let mode: MarketplaceMode = "simulator";
  if (anyCredential) mode = "live";
  else if (apiBaseUrl) mode = "emulator";

  let credential: MarketplaceCredential | null = null;
  if (mode === "live") {
    if (!tenantId) problems.push("MARKETPLACE_TENANT_ID is missing (the Entra tenant of the app in Technical configuration)");
    else check("MARKETPLACE_TENANT_ID", uuid, tenantId);
    if (!clientId) problems.push("MARKETPLACE_CLIENT_ID is missing (the application ID in Technical configuration)");
    else check("MARKETPLACE_CLIENT_ID", uuid, clientId);
    if (secret && (certPath || thumbprint)) {
      problems.push("MARKETPLACE_CLIENT_SECRET and MARKETPLACE_CERTIFICATE_* are both set: choose one credential");
    } else if (secret) {
      credential = { kind: "secret", secret };
    } else if (certPath || thumbprint) {
      if (!certPath) problems.push("MARKETPLACE_CERTIFICATE_PATH is missing (PEM file with the private key)");
      if (!thumbprint) problems.push("MARKETPLACE_CERTIFICATE_THUMBPRINT is missing");
      else
        check(
          "MARKETPLACE_CERTIFICATE_THUMBPRINT",
          z.string().regex(/^[0-9a-fA-F]{40}([0-9a-fA-F]{24})?$/, "must be a hex SHA-1 or SHA-256 thumbprint"),
          thumbprint,
        );
      if (certPath && thumbprint) credential = { kind: "certificate", privateKeyPath: certPath, thumbprint };
    } else {
      problems.push("MARKETPLACE_CLIENT_SECRET or MARKETPLACE_CERTIFICATE_PATH + MARKETPLACE_CERTIFICATE_THUMBPRINT is missing");
    }
    if (webhookAuthDisabled)
      problems.push("WEBHOOK_AUTH_DISABLED is refused in live mode: Microsoft's webhook calls must be authenticated");
  }
  const secretExpiresRaw = get("MARKETPLACE_CLIENT_SECRET_EXPIRES");
  let clientSecretExpiresAt: Date | null = null;
  if (secretExpiresRaw) {
    if (!secret)
      problems.push("MARKETPLACE_CLIENT_SECRET_EXPIRES is set without MARKETPLACE_CLIENT_SECRET (a certificate's expiry is read from it)");
    const when = check(
      "MARKETPLACE_CLIENT_SECRET_EXPIRES",
      z.union([z.iso.date(), z.iso.datetime({ offset: true })], { message: "must be a date such as 2027-01-31 or an ISO 8601 time" }),
      secretExpiresRaw,
    );
    if (when) clientSecretExpiresAt = new Date(when);
  }
  if (apiBaseUrl) check("MARKETPLACE_API_BASE_URL", httpUrl, apiBaseUrl);
  if (mode === "simulator" && webhookAuthDisabled) {
    problems.push("WEBHOOK_AUTH_DISABLED is only allowed in emulator mode");
  }

  const resolvedTenant = mode === "simulator" ? SIMULATOR_TENANT_ID : (tenantId ?? "");
  const resolvedClient = mode === "simulator" ? SIMULATOR_CLIENT_ID : (clientId ?? "");
  const webhookAudience = get("WEBHOOK_AUDIENCE") ?? resolvedClient;
  const allowedAppIds = (get("WEBHOOK_ALLOWED_APP_IDS") ?? MARKETPLACE_APP_ID)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const simulatorOrigin = mode === "simulator" ? `${publicBaseUrl}/api/simulator` : null;
  const webhookTenant = get("WEBHOOK_TENANT_ID") ?? resolvedTenant;
  const authority = simulatorOrigin ?? "https://login.microsoftonline.com";
  // The simulator signs as Entra would, from its look-alike login host (v2) or its sts look-alike (v1).
  const issuers = simulatorOrigin
    ? [`${SIMULATOR_LOGIN_HOST}/${webhookTenant}/v2.0`, `${SIMULATOR_LOGIN_HOST.replace("login.", "sts.")}/${webhookTenant}/`]
    : [`https://login.microsoftonline.com/${webhookTenant}/v2.0`, `https://sts.windows.net/${webhookTenant}/`];

  const signInClientId = get("AUTH_ENTRA_CLIENT_ID");
  const signInSecret = get("AUTH_ENTRA_CLIENT_SECRET");
  const signInTenant = get("AUTH_ENTRA_TENANT") ?? "common";
  const authSecret = get("AUTH_SECRET");
  // Live mode signs buyers and staff in with Entra only: the simulator's look-alike would let
  // anyone pick any identity, and a generated session secret is for a single machine.
  const required = mode === "live" ? "; required in live mode" : "";
  if (mode === "live" || signInClientId || signInSecret) {
    if (!signInClientId) problems.push(`AUTH_ENTRA_CLIENT_ID is missing (the multi-tenant sign-in app's client ID${required})`);
    else check("AUTH_ENTRA_CLIENT_ID", uuid, signInClientId);
    if (!signInSecret) problems.push(`AUTH_ENTRA_CLIENT_SECRET is missing (the sign-in app's client secret${required})`);
    if (!authSecret) problems.push(`AUTH_SECRET is missing (at least 32 random characters; it signs sessions${required})`);
  }
  if (authSecret) check("AUTH_SECRET", z.string().min(32, "must be at least 32 characters"), authSecret);
  const entraSignIn = Boolean(signInClientId && signInSecret);
  const dataEncryptionKey = get("DATA_ENCRYPTION_KEY");
  if (dataEncryptionKey) check("DATA_ENCRYPTION_KEY", z.string().min(32, "must be at least 32 characters"), dataEncryptionKey);
  const smtpUrl = get("SMTP_URL");
  // Never echoed back: the URL carries the SMTP password.
  if (smtpUrl && !/^smtps?:\/\/[^/\s]/.test(smtpUrl)) problems.push("SMTP_URL must be an smtp:// or smtps:// URL (value not shown)");
  const mailFrom = get("MAIL_FROM");
  if (mailFrom)
    check(
      "MAIL_FROM",
      z.string().regex(/^(.*<)?[^\s@<>]+@[^\s@<>]+>?$/, "must be an address, such as Portal <portal@example.com>"),
      mailFrom,
    );
  if (smtpUrl && !mailFrom) problems.push("MAIL_FROM is missing (the sender of notification e-mails; required with SMTP_URL)");
  const handoffSecret = get("HANDOFF_SECRET");
  if (handoffSecret) check("HANDOFF_SECRET", z.string().min(32, "must be at least 32 characters"), handoffSecret);
  const staffTenantId = get("AUTH_STAFF_TENANT_ID") ?? (mode === "live" ? (tenantId ?? "") : SIMULATOR_TENANT_ID);
  // The simulator's owner is a default only while its sign-in is in use.
  const bootstrapOwners = (get("ADMIN_BOOTSTRAP_OWNERS") ?? (entraSignIn || mode === "live" ? "" : SIMULATOR_OWNER))
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const email of bootstrapOwners) check("ADMIN_BOOTSTRAP_OWNERS", z.email({ message: "must list e-mail addresses" }), email);
  if (mode === "live" && bootstrapOwners.some((email) => email.endsWith(`@${SIMULATOR_STAFF_DOMAIN}`))) {
    problems.push(`ADMIN_BOOTSTRAP_OWNERS lists a simulator account (@${SIMULATOR_STAFF_DOMAIN}), refused in live mode`);
  }

  // Client addresses for abuse limits: server.mjs applies the same key, parsed the same way, before this module loads.
  const hops = z
    .string()
    .regex(/^\d+$/, "must be a whole number from 0 to 10")
    .transform(Number)
    .pipe(z.number().max(10, "must be a whole number from 0 to 10"));
  const trustProxyHops = check("TRUST_PROXY_HOPS", hops, get("TRUST_PROXY_HOPS") ?? "0");

  // Metering: how often closed hours are submitted, and how long after its end an hour is closed.
  // Both stay well inside Microsoft's 24-hour window (lib/metering/window.ts).
  const seconds = (max: number) => z.coerce.number().int().min(1).max(max);
  const submitIntervalSeconds =
    check("METERING_SUBMIT_INTERVAL_SECONDS", seconds(3600), get("METERING_SUBMIT_INTERVAL_SECONDS") ?? "300") ?? 300;
  const closeDelaySeconds =
    check(
      "METERING_CLOSE_DELAY_SECONDS",
      z.coerce
        .number()
        .int()
        .min(0)
        .max(6 * 3600),
      get("METERING_CLOSE_DELAY_SECONDS") ?? "900",
    ) ?? 900;

  // Generous: the usage benchmark sends 1,000-event requests at 10+ a second from one key.
  const apiRateLimit = check("API_RATE_LIMIT_PER_MINUTE", z.coerce.number().int().min(0), get("API_RATE_LIMIT_PER_MINUTE") ?? "3000");

  // server.mjs reads the same key through the same function before this module loads.
  const logLevel = parseLogLevel(get("LOG_LEVEL"), nodeEnv);
  if (logLevel === null) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (got "${get("LOG_LEVEL")}")`);
  // A scraper's shared secret: long enough that guessing it over HTTP is hopeless.
  const metricsToken = get("METRICS_TOKEN");
  if (metricsToken !== undefined) check("METRICS_TOKEN", z.string().min(16, "must be at least 16 characters"), metricsToken);

  // instrumentation.ts reads it before this module loads and starts tracing from it (lib/tracing.ts).
  const otlpEndpoint = get("OTEL_EXPORTER_OTLP_ENDPOINT");
  if (otlpEndpoint !== undefined) check("OTEL_EXPORTER_OTLP_ENDPOINT", httpUrl, otlpEndpoint);

  const supportEmail = get("SUPPORT_EMAIL");
  if (supportEmail !== undefined) check("SUPPORT_EMAIL", z.email({ message: "must be an e-mail address" }), supportEmail);
  const supportUrl = get("SUPPORT_URL");
  if (supportUrl !== undefined) check("SUPPORT_URL", httpUrl, supportUrl);

  if (problems.length > 0) throw new EnvError(problems);

  return {
    nodeEnv,
    support: { email: supportEmail ?? null, url: supportUrl ?? null },
    port,
    role,
    publicBaseUrl,
    database,
    marketplace: {
      mode,
      apiBaseUrl: (mode === "simulator" ? simulatorOrigin! : (apiBaseUrl ?? LIVE_API_BASE_URL)).replace(/\/+$/, ""),
      tenantId: resolvedTenant,
      clientId: resolvedClient,
      credential: mode === "simulator" ? { kind: "secret", secret: SIMULATOR_CLIENT_SECRET } : credential,
      clientSecretExpiresAt,
      simulatorOrigin,
      publisherId: mode === "emulator" ? (get("MARKETPLACE_PUBLISHER_ID") ?? "FourthCoffee") : null,
    },
    auth: {
      secret: authSecret ?? null,
      provider: entraSignIn ? "entra" : "simulator",
      clientId: entraSignIn ? signInClientId! : SIMULATOR_SIGNIN_CLIENT_ID,
      clientSecret: entraSignIn ? signInSecret! : SIMULATOR_SIGNIN_CLIENT_SECRET,
      issuer: entraSignIn ? `https://login.microsoftonline.com/${signInTenant}/v2.0` : `${SIMULATOR_LOGIN_HOST}/common/v2.0`,
      simulatorOrigin: entraSignIn ? null : `${publicBaseUrl}/api/simulator`,
      staffTenantId,
      bootstrapOwners,
    },
    handoff: { secret: handoffSecret ?? null },
    dataEncryptionKey: dataEncryptionKey ?? null,
    mail: { smtpUrl: smtpUrl ?? null, from: mailFrom ?? null },
    simulator: {
      apiEnabled: mode === "simulator",
      // Never in live mode, whatever else is set: it would mint identities anyone can pick.
      identityEnabled: mode !== "live" && (mode === "simulator" || !entraSignIn),
    },
    trustProxyHops: trustProxyHops ?? 0,
    api: { requestsPerMinutePerKey: apiRateLimit ?? 3000 },
    logLevel: logLevel ?? "info",
    metricsToken: metricsToken ?? null,
    otlpEndpoint: otlpEndpoint ?? null,
    metering: { submitIntervalSeconds, closeDelaySeconds },
    webhook: {
      audience: webhookAudience,
      tenantId: webhookTenant,
      allowedAppIds,
      openIdConfigurationUrl: `${authority}/${webhookTenant}/v2.0/.well-known/openid-configuration`,
      issuers,
      authDisabled: mode === "emulator" && webhookAuthDisabled,
    },
  };
}

let cached: Env | undefined;

/** The configuration of this process, parsed on first use. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
