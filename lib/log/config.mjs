// The logger's configuration, in plain JavaScript so that server.mjs (which runs before Next.js
// loads) and lib/log/index.ts (inside Next.js's bundles) build their pino loggers from one source:
// the same level rules, redaction paths and output format.

/** Where lib/log/request-context.mjs keeps the current request's context (one for every copy of it). */
export const REQUEST_CONTEXT_KEY = Symbol.for("marketplace-portal.request-context");

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** @param {string | undefined} raw @param {string | undefined} nodeEnv */
export function parseLogLevel(raw, nodeEnv) {
  const value = raw?.trim().toLowerCase();
  if (!value) return defaultLogLevel(nodeEnv);
  return LOG_LEVELS.includes(value) ? value : null;
}

/** Development shows every Microsoft call; a test run shows only what went wrong. */
export function defaultLogLevel(nodeEnv) {
  return nodeEnv === "development" ? "debug" : nodeEnv === "test" ? "warn" : "info";
}

// Names whose values are secrets wherever they appear, at the top of a log object or one level down
// (`headers.authorization`, `credential.secret`, `err.config.token`...). pino replaces them with
// "[Redacted]" before the line is written.
const SECRET_KEYS = [
  "authorization",
  "cookie",
  "set-cookie",
  "token",
  "accessToken",
  "access_token",
  "idToken",
  "id_token",
  "refreshToken",
  "refresh_token",
  "password",
  "secret",
  "clientSecret",
  "client_secret",
  "apiKey",
  "api_key",
  "x-api-key",
  "signingSecret",
  "privateKey",
  "privateKeyPem",
];
const key = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`);
const join = (prefix, k) => (key(k).startsWith("[") ? `${prefix}${key(k)}` : `${prefix}.${k}`);
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [key(k), join("*", k), join("*.*", k)]);

// Query parameters that carry secrets: the landing page's purchase token, OAuth codes and tokens.
const SECRET_PARAMS = new Set(["token", "code", "state", "access_token", "id_token", "client_secret", "api_key", "key"]);

/** A request target fit for a log line: the path, and the query with secret parameters replaced. */
export function redactUrl(url) {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const name of [...params.keys()]) if (SECRET_PARAMS.has(name.toLowerCase())) params.set(name, "[Redacted]");
  const query = params.toString().replaceAll("%5BRedacted%5D", "[Redacted]");
  return query ? `${url.slice(0, q)}?${query}` : url.slice(0, q);
}

/**
 * pino's options. JSON lines everywhere except development, where pino-pretty (a development
 * dependency, loaded only then) formats them; production installs need nothing more than pino.
 * @param {{ level: string; nodeEnv: string | undefined; name?: string }} o
 */
export function loggerOptions({ level, nodeEnv, name = "portal" }) {
  return {
    name,
    level,
    redact: { paths: REDACT_PATHS, censor: "[Redacted]" },
    base: { pid: process.pid },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
    // Every line written while a request runs names it.
    mixin: () => {
      const store = globalThis[REQUEST_CONTEXT_KEY]?.getStore();
      return store ? { requestId: store.requestId } : {};
    },
    ...(nodeEnv === "development"
      ? { transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid" } } }
      : {}),
  };
}
