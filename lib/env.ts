import { z } from "zod";

/**
 * The portal's whole configuration, parsed once from the environment. Nothing else reads
 * `process.env`. Three marketplace modes follow from what is set:
 * - simulator: no marketplace settings at all (the default, everything on this machine);
 * - live: Entra tenant, client ID and a secret or certificate (Microsoft's production API);
 * - emulator: only MARKETPLACE_API_BASE_URL (Microsoft's public API emulator, which names the
 *   publisher with a `publisherId` query parameter instead of a bearer token).
 */

export type MarketplaceMode = "simulator" | "live" | "emulator";
export type DatabaseConfig = { kind: "pglite"; dir: string } | { kind: "postgres"; url: string };
export type MarketplaceCredential =
  | { kind: "secret"; secret: string }
  | { kind: "certificate"; privateKeyPath: string; thumbprint: string };

/** The marketplace's own Entra application: the API's audience and the webhook caller. */
export const MARKETPLACE_APP_ID = "20e940b3-4c77-4b0b-9a53-9e16a1b010a7";
export const LIVE_API_BASE_URL = "https://marketplaceapi.microsoft.com/api";
/** Fixed identities the built-in simulator plays, so nothing needs to be configured. */
export const SIMULATOR_TENANT_ID = "5e1ec7ed-0000-4000-8000-000000000001";
export const SIMULATOR_CLIENT_ID = "5e1ec7ed-0000-4000-8000-0000000000c1";
export const SIMULATOR_CLIENT_SECRET = "simulator-client-secret";
export const SIMULATOR_PUBLISHER_ID = "contoso-isv";

export interface Env {
  nodeEnv: "development" | "production" | "test";
  port: number;
  /** The origin buyers and Microsoft reach the portal on, without a trailing slash. */
  publicBaseUrl: string;
  database: DatabaseConfig;
  marketplace: {
    mode: MarketplaceMode;
    apiBaseUrl: string;
    tenantId: string;
    clientId: string;
    credential: MarketplaceCredential | null;
    /** Set in simulator mode: where the look-alike Entra token endpoint lives. */
    simulatorOrigin: string | null;
    /** Emulator mode only: the publisher the emulator should act for. */
    publisherId: string | null;
  };
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
  const port = check("PORT", z.coerce.number().int().min(1).max(65535), get("PORT") ?? "3000") ?? 3000;
  const publicBaseUrl = (check("PUBLIC_BASE_URL", httpUrl, get("PUBLIC_BASE_URL") ?? `http://localhost:${port}`) ?? "")
    .replace(/\/+$/, "");

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
      else check("MARKETPLACE_CERTIFICATE_THUMBPRINT", z.string().regex(/^[0-9a-fA-F]{40}([0-9a-fA-F]{24})?$/, "must be a hex SHA-1 or SHA-256 thumbprint"), thumbprint);
      if (certPath && thumbprint) credential = { kind: "certificate", privateKeyPath: certPath, thumbprint };
    } else {
      problems.push("MARKETPLACE_CLIENT_SECRET or MARKETPLACE_CERTIFICATE_PATH + MARKETPLACE_CERTIFICATE_THUMBPRINT is missing");
    }
    if (webhookAuthDisabled) problems.push("WEBHOOK_AUTH_DISABLED is refused in live mode: Microsoft's webhook calls must be authenticated");
  }
  if (apiBaseUrl) check("MARKETPLACE_API_BASE_URL", httpUrl, apiBaseUrl);
  if (mode === "simulator" && webhookAuthDisabled) {
    problems.push("WEBHOOK_AUTH_DISABLED is only allowed in emulator mode");
  }

  const resolvedTenant = mode === "simulator" ? SIMULATOR_TENANT_ID : tenantId ?? "";
  const resolvedClient = mode === "simulator" ? SIMULATOR_CLIENT_ID : clientId ?? "";
  const webhookAudience = get("WEBHOOK_AUDIENCE") ?? resolvedClient;
  const allowedAppIds = (get("WEBHOOK_ALLOWED_APP_IDS") ?? MARKETPLACE_APP_ID).split(",").map((s) => s.trim()).filter(Boolean);
  const simulatorOrigin = mode === "simulator" ? `${publicBaseUrl}/api/simulator` : null;
  const webhookTenant = get("WEBHOOK_TENANT_ID") ?? resolvedTenant;
  const authority = simulatorOrigin ?? "https://login.microsoftonline.com";
  const issuers = simulatorOrigin
    ? [`${simulatorOrigin}/${webhookTenant}/v2.0`, `${simulatorOrigin}/${webhookTenant}/`]
    : [`https://login.microsoftonline.com/${webhookTenant}/v2.0`, `https://sts.windows.net/${webhookTenant}/`];

  if (problems.length > 0) throw new EnvError(problems);

  return {
    nodeEnv,
    port,
    publicBaseUrl,
    database,
    marketplace: {
      mode,
      apiBaseUrl: (mode === "simulator" ? simulatorOrigin! : apiBaseUrl ?? LIVE_API_BASE_URL).replace(/\/+$/, ""),
      tenantId: resolvedTenant,
      clientId: resolvedClient,
      credential: mode === "simulator" ? { kind: "secret", secret: SIMULATOR_CLIENT_SECRET } : credential,
      simulatorOrigin,
      publisherId: mode === "emulator" ? get("MARKETPLACE_PUBLISHER_ID") ?? "FourthCoffee" : null,
    },
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
