import { describe, expect, it } from "vitest";
import { EnvError, LIVE_API_BASE_URL, MARKETPLACE_APP_ID, SIMULATOR_TENANT_ID, parseEnv } from "./env";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "0b5c2a55-2f4e-4f0b-9d1e-8f3a7c6b5a41";
/** The Entra sign-in app and session secret that live mode requires. */
const SIGN_IN = { AUTH_ENTRA_CLIENT_ID: CLIENT, AUTH_ENTRA_CLIENT_SECRET: "x", AUTH_SECRET: "a".repeat(32) };

function problemsOf(raw: Record<string, string>): string[] {
  try {
    parseEnv(raw);
  } catch (e) {
    if (e instanceof EnvError) return e.problems;
    throw e;
  }
  throw new Error("expected the configuration to be refused");
}

describe("parseEnv", () => {
  it("runs the simulator on PGlite when nothing is configured", () => {
    const env = parseEnv({});
    expect(env.marketplace.mode).toBe("simulator");
    expect(env.database).toEqual({ kind: "pglite", dir: ".data/pglite" });
    expect(env.marketplace.apiBaseUrl).toBe("http://localhost:3000/api/simulator");
    expect(env.marketplace.tenantId).toBe(SIMULATOR_TENANT_ID);
    expect(env.webhook.allowedAppIds).toEqual([MARKETPLACE_APP_ID]);
  });

  it("reads SMTP_URL and MAIL_FROM for notifications, and never repeats the URL's password in a problem", () => {
    expect(parseEnv({}).mail).toEqual({ smtpUrl: null, from: null });
    const mail = { SMTP_URL: "smtp://mailer:pa55@smtp.example.com:587", MAIL_FROM: "Contoso <billing@contoso.example>" };
    expect(parseEnv(mail).mail).toEqual({ smtpUrl: mail.SMTP_URL, from: mail.MAIL_FROM });
    expect(problemsOf({ SMTP_URL: mail.SMTP_URL })).toEqual([expect.stringMatching(/^MAIL_FROM is missing/)]);
    const problems = problemsOf({ SMTP_URL: "http://mailer:pa55@smtp.example.com", MAIL_FROM: "nobody" });
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).not.toContain("pa55");
  });

  it("reads LOG_LEVEL (debug in development, warn in tests, info in production) an optional METRICS_TOKEN and OTLP endpoint", () => {
    expect(parseEnv({}).logLevel).toBe("debug");
    expect(parseEnv({ NODE_ENV: "test" }).logLevel).toBe("warn");
    expect(parseEnv({ NODE_ENV: "production", LOG_LEVEL: "" }).logLevel).toBe("info");
    expect(parseEnv({ LOG_LEVEL: "ERROR" }).logLevel).toBe("error");
    expect(parseEnv({}).metricsToken).toBeNull();
    expect(parseEnv({ METRICS_TOKEN: "m".repeat(32) }).metricsToken).toBe("m".repeat(32));
    expect(parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }).otlpEndpoint).toBe("http://collector:4318");
    expect(problemsOf({ LOG_LEVEL: "verbose", METRICS_TOKEN: "short", OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toEqual([
      expect.stringMatching(/^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/),
      expect.stringMatching(/^METRICS_TOKEN must be at least 16 characters/),
      expect.stringMatching(/^OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/),
    ]);
  });

  it("reads the metering job's interval and close delay, defaulting to 300 s and 900 s", () => {
    expect(parseEnv({}).metering).toEqual({ submitIntervalSeconds: 300, closeDelaySeconds: 900 });
    expect(parseEnv({ METERING_SUBMIT_INTERVAL_SECONDS: "60", METERING_CLOSE_DELAY_SECONDS: "0" }).metering).toEqual({
      submitIntervalSeconds: 60,
      closeDelaySeconds: 0,
    });
    expect(problemsOf({ METERING_SUBMIT_INTERVAL_SECONDS: "0", METERING_CLOSE_DELAY_SECONDS: "soon" })).toEqual([
      expect.stringMatching(/^METERING_SUBMIT_INTERVAL_SECONDS/),
      expect.stringMatching(/^METERING_CLOSE_DELAY_SECONDS/),
    ]);
  });

  it("reads PORTAL_ROLE, default all, and refuses anything else", () => {
    expect(parseEnv({}).role).toBe("all");
    expect(parseEnv({ PORTAL_ROLE: "worker" }).role).toBe("worker");
    expect(parseEnv({ PORTAL_ROLE: "web" }).role).toBe("web");
    expect(problemsOf({ PORTAL_ROLE: "jobs" })).toEqual([expect.stringMatching(/^PORTAL_ROLE must be all, web or worker/)]);
  });

  it("reads a client secret's recorded expiry, only next to a client secret", () => {
    const live = { MARKETPLACE_TENANT_ID: TENANT, MARKETPLACE_CLIENT_ID: CLIENT, MARKETPLACE_CLIENT_SECRET: "s", ...SIGN_IN };
    expect(parseEnv(live).marketplace.clientSecretExpiresAt).toBeNull();
    expect(parseEnv({ ...live, MARKETPLACE_CLIENT_SECRET_EXPIRES: "2027-01-31" }).marketplace.clientSecretExpiresAt).toEqual(
      new Date("2027-01-31T00:00:00Z"),
    );
    expect(problemsOf({ ...live, MARKETPLACE_CLIENT_SECRET_EXPIRES: "next year" })).toEqual([
      expect.stringMatching(/^MARKETPLACE_CLIENT_SECRET_EXPIRES must be a date/),
    ]);
    expect(problemsOf({ MARKETPLACE_CLIENT_SECRET_EXPIRES: "2027-01-31" })).toEqual([
      expect.stringMatching(/^MARKETPLACE_CLIENT_SECRET_EXPIRES is set without MARKETPLACE_CLIENT_SECRET/),
    ]);
  });

  it("follows PORT and PUBLIC_BASE_URL", () => {
    expect(parseEnv({ PORT: "4100" }).publicBaseUrl).toBe("http://localhost:4100");
    expect(parseEnv({ PUBLIC_BASE_URL: "http://127.0.0.1:4100" }).publicBaseUrl).toBe("http://localhost:4100");
    expect(parseEnv({ PUBLIC_BASE_URL: "http://127.0.0.10" }).publicBaseUrl).toBe("http://localhost");
    expect(parseEnv({ PUBLIC_BASE_URL: "https://127.0.0.1.nip.example" }).publicBaseUrl).toBe("https://127.0.0.1.nip.example");
    const env = parseEnv({ PUBLIC_BASE_URL: "https://portal.example.com/" });
    expect(env.publicBaseUrl).toBe("https://portal.example.com");
    expect(env.marketplace.simulatorOrigin).toBe("https://portal.example.com/api/simulator");
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://u:p@db:5432/portal" }).database).toEqual({
      kind: "postgres",
      url: "postgres://u:p@db:5432/portal",
    });
  });

  it("goes live with Entra credentials and Microsoft's URL", () => {
    const env = parseEnv({ MARKETPLACE_TENANT_ID: TENANT, MARKETPLACE_CLIENT_ID: CLIENT, MARKETPLACE_CLIENT_SECRET: "s3cret", ...SIGN_IN });
    expect(env.marketplace).toMatchObject({
      mode: "live",
      apiBaseUrl: LIVE_API_BASE_URL,
      tenantId: TENANT,
      clientId: CLIENT,
      credential: { kind: "secret", secret: "s3cret" },
      simulatorOrigin: null,
    });
    expect(env.webhook).toMatchObject({ audience: CLIENT, tenantId: TENANT, authDisabled: false });
  });

  it("accepts a certificate instead of a secret", () => {
    const env = parseEnv({
      MARKETPLACE_TENANT_ID: TENANT,
      MARKETPLACE_CLIENT_ID: CLIENT,
      MARKETPLACE_CERTIFICATE_PATH: "/etc/portal/api.pem",
      MARKETPLACE_CERTIFICATE_THUMBPRINT: "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678",
      ...SIGN_IN,
    });
    expect(env.marketplace.credential).toEqual({
      kind: "certificate",
      privateKeyPath: "/etc/portal/api.pem",
      thumbprint: "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678",
    });
  });

  it("selects the emulator by base URL alone and names the publisher", () => {
    const env = parseEnv({ MARKETPLACE_API_BASE_URL: "http://localhost:3978/api", WEBHOOK_AUTH_DISABLED: "true" });
    expect(env.marketplace).toMatchObject({
      mode: "emulator",
      apiBaseUrl: "http://localhost:3978/api",
      publisherId: "FourthCoffee",
      credential: null,
    });
    expect(env.webhook.authDisabled).toBe(true);
  });

  it("lists every missing or invalid key of a half-configured environment in one message", () => {
    const problems = problemsOf({ MARKETPLACE_CLIENT_ID: "not-a-guid", PORT: "abc", DATABASE_URL: "mysql://x", ...SIGN_IN });
    expect(problems).toHaveLength(5);
    expect(problems.join("\n")).toMatch(/PORT/);
    expect(problems.join("\n")).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(problems.join("\n")).toMatch(/MARKETPLACE_TENANT_ID is missing/);
    expect(problems.join("\n")).toMatch(/MARKETPLACE_CLIENT_ID must be a GUID/);
    expect(problems.join("\n")).toMatch(/MARKETPLACE_CLIENT_SECRET or MARKETPLACE_CERTIFICATE_PATH/);
    const message = new EnvError(problems).message;
    expect(message.split("\n")[0]).toBe("Invalid configuration (5 problems):");
  });

  it("refuses two credentials, a half certificate and disabled webhook auth in live mode", () => {
    const live = { MARKETPLACE_TENANT_ID: TENANT, MARKETPLACE_CLIENT_ID: CLIENT, ...SIGN_IN };
    expect(problemsOf({ ...live, MARKETPLACE_CLIENT_SECRET: "x", MARKETPLACE_CERTIFICATE_PATH: "/k.pem" })).toEqual([
      expect.stringMatching(/both set/),
    ]);
    expect(problemsOf({ ...live, MARKETPLACE_CERTIFICATE_PATH: "/k.pem" })).toEqual([
      expect.stringMatching(/MARKETPLACE_CERTIFICATE_THUMBPRINT is missing/),
    ]);
    expect(problemsOf({ ...live, MARKETPLACE_CLIENT_SECRET: "x", WEBHOOK_AUTH_DISABLED: "true" })).toEqual([
      expect.stringMatching(/refused in live mode/),
    ]);
    expect(problemsOf({ WEBHOOK_AUTH_DISABLED: "true" })).toEqual([expect.stringMatching(/only allowed in emulator mode/)]);
  });

  it("signs in through the simulator's identity provider until an Entra sign-in app is configured", () => {
    const sim = parseEnv({ MARKETPLACE_API_BASE_URL: "http://localhost:3978/api" });
    expect(sim.auth).toMatchObject({ provider: "simulator", issuer: "https://login.simulator.invalid/common/v2.0", secret: null });
    expect(sim.simulator).toEqual({ apiEnabled: false, identityEnabled: true });
    expect(sim.auth.bootstrapOwners).toEqual(["owner@isv.example"]);

    const entra = parseEnv({
      AUTH_ENTRA_CLIENT_ID: CLIENT,
      AUTH_ENTRA_CLIENT_SECRET: "x",
      AUTH_SECRET: "a".repeat(32),
      ADMIN_BOOTSTRAP_OWNERS: "Ops@Example.com, cto@example.com",
    });
    expect(entra.auth).toMatchObject({ provider: "entra", issuer: "https://login.microsoftonline.com/common/v2.0", simulatorOrigin: null });
    expect(entra.auth.bootstrapOwners).toEqual(["ops@example.com", "cto@example.com"]);
    // The simulated marketplace still issues the publisher's API tokens.
    expect(entra.simulator).toEqual({ apiEnabled: true, identityEnabled: true });
    const live = parseEnv({ MARKETPLACE_TENANT_ID: TENANT, MARKETPLACE_CLIENT_ID: CLIENT, MARKETPLACE_CLIENT_SECRET: "s", ...SIGN_IN });
    expect(live.simulator).toEqual({ apiEnabled: false, identityEnabled: false });
    expect(live.auth.staffTenantId).toBe(TENANT);
  });

  it("refuses live mode without the Entra sign-in app and a session secret, naming each key", () => {
    const live = { MARKETPLACE_TENANT_ID: TENANT, MARKETPLACE_CLIENT_ID: CLIENT, MARKETPLACE_CLIENT_SECRET: "s" };
    const problems = problemsOf(live);
    expect(problems).toEqual([
      expect.stringMatching(/^AUTH_ENTRA_CLIENT_ID is missing .*required in live mode/),
      expect.stringMatching(/^AUTH_ENTRA_CLIENT_SECRET is missing .*required in live mode/),
      expect.stringMatching(/^AUTH_SECRET is missing .*required in live mode/),
    ]);
    expect(new EnvError(problems).message.split("\n")[0]).toBe("Invalid configuration (3 problems):");
    // Each one alone is still refused; so is a certificate credential without them.
    expect(problemsOf({ ...live, AUTH_ENTRA_CLIENT_ID: CLIENT, AUTH_ENTRA_CLIENT_SECRET: "x" })).toEqual([
      expect.stringMatching(/^AUTH_SECRET is missing/),
    ]);
    expect(problemsOf({ ...live, AUTH_SECRET: "a".repeat(32) })).toHaveLength(2);
    expect(
      problemsOf({
        MARKETPLACE_TENANT_ID: TENANT,
        MARKETPLACE_CLIENT_ID: CLIENT,
        MARKETPLACE_CERTIFICATE_PATH: "/k.pem",
        MARKETPLACE_CERTIFICATE_THUMBPRINT: "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678",
      }),
    ).toHaveLength(3);
  });

  it("never enables the simulator's identities or its staff in live mode", () => {
    const live = parseEnv({ MARKETPLACE_TENANT_ID: TENANT, MARKETPLACE_CLIENT_ID: CLIENT, MARKETPLACE_CLIENT_SECRET: "s", ...SIGN_IN });
    expect(live.auth).toMatchObject({ provider: "entra", simulatorOrigin: null, bootstrapOwners: [] });
    expect(live.simulator.identityEnabled).toBe(false);
    expect(
      problemsOf({
        MARKETPLACE_TENANT_ID: TENANT,
        MARKETPLACE_CLIENT_ID: CLIENT,
        MARKETPLACE_CLIENT_SECRET: "s",
        ...SIGN_IN,
        ADMIN_BOOTSTRAP_OWNERS: "cto@contoso.com, Owner@ISV.example",
      }),
    ).toEqual([expect.stringMatching(/ADMIN_BOOTSTRAP_OWNERS lists a simulator account .*refused in live mode/)]);
    // Emulator and simulator modes keep the simulator's sign-in and its owner.
    expect(parseEnv({ MARKETPLACE_API_BASE_URL: "http://localhost:3978/api" }).auth).toMatchObject({
      provider: "simulator",
      bootstrapOwners: ["owner@isv.example"],
    });
    expect(parseEnv({}).simulator.identityEnabled).toBe(true);
  });

  it("requires the whole sign-in registration and a strong session secret", () => {
    expect(problemsOf({ AUTH_ENTRA_CLIENT_ID: CLIENT })).toEqual([
      expect.stringMatching(/AUTH_ENTRA_CLIENT_SECRET is missing/),
      expect.stringMatching(/AUTH_SECRET is missing/),
    ]);
    expect(problemsOf({ AUTH_SECRET: "short" })).toEqual([expect.stringMatching(/AUTH_SECRET must be at least 32/)]);
  });

  it("takes an optional data encryption key, and refuses a weak one", () => {
    expect(parseEnv({}).dataEncryptionKey).toBeNull();
    expect(parseEnv({ DATA_ENCRYPTION_KEY: "k".repeat(32) }).dataEncryptionKey).toBe("k".repeat(32));
    expect(problemsOf({ DATA_ENCRYPTION_KEY: "short" })).toEqual([expect.stringMatching(/DATA_ENCRYPTION_KEY must be at least 32/)]);
  });
});
