// The production server (`npm start`): Next.js's request handler behind a plain node:http server,
// which answers POST /api/webhook itself with the portal's own webhook handler (lib/webhook/handler.ts,
// published by lib/startup.ts), because the framework's per-request work costs more than the token
// check and the inbox insert together. Everything else, including GET /api/webhook, goes to Next.js.
//   node server.mjs [-H hostname] [-p port]      (port also from PORT; default 3000, all interfaces)
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { loggerOptions, parseLogLevel } from "./lib/log/config.mjs";
import { runLoggedRequest } from "./lib/log/request-context.mjs";
import { CLIENT_ADDRESS_TRUSTED, parseTrustProxyHops, setClientAddressHeader } from "./lib/rate-limit/client-address.mjs";
import { BASE_SECURITY_HEADERS } from "./lib/security-headers.mjs";
import {
  isPossibleServerAction,
  loadServerActions,
  readBoundedBody,
  refuseServerActionBody,
  refuseServerActionHead,
  replayRequest,
  SERVER_ACTION_BODY_LIMIT,
} from "./lib/server-action-guard.mjs";

const { values } = parseArgs({
  options: { hostname: { type: "string", short: "H" }, port: { type: "string", short: "p" } },
});
// JSON lines, with the app's level and redaction rules (lib/env.ts validates LOG_LEVEL the same way).
const logLevel = parseLogLevel(process.env.LOG_LEVEL, "production");
const log = pino(loggerOptions({ level: logLevel ?? "info", nodeEnv: "production", name: "server" }));
if (logLevel === null) {
  log.fatal(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${process.env.LOG_LEVEL}")`);
  process.exit(1);
}
const hostname = values.hostname; // undefined: every interface, as `next start` does
const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  log.fatal(`invalid port ${values.port ?? process.env.PORT}`);
  process.exit(1);
}

// Read here, not through lib/env.ts (TypeScript, inside Next.js's bundles), which validates the same key.
const trustProxyHops = parseTrustProxyHops(process.env.TRUST_PROXY_HOPS);
if (trustProxyHops === null) {
  log.fatal(`TRUST_PROXY_HOPS must be a whole number from 0 to 10 (got "${process.env.TRUST_PROXY_HOPS}")`);
  process.exit(1);
}

// PORTAL_ROLE (validated with the rest by lib/env.ts at start-up): a worker runs the background
// loops and answers only health and metrics, so probes and scrapers reach it while buyers, staff
// and Microsoft's webhook calls go to web instances.
const workerOnly = process.env.PORTAL_ROLE?.trim() === "worker";
const WORKER_PATHS = /^\/api\/(health|metrics)(\/|\?|$)/;

// Set before Next.js loads: it reads NODE_ENV when its modules are evaluated.
process.env.NODE_ENV = "production";
// The configuration the build resolved, as Next.js's own standalone server.js hands it over: the
// standalone folder the container image runs (Dockerfile) has no next.config.mjs to load.
if (!process.env.__NEXT_PRIVATE_STANDALONE_CONFIG) {
  try {
    const { config } = JSON.parse(readFileSync(new URL("./.next/required-server-files.json", import.meta.url), "utf8"));
    process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
  } catch (err) {
    if (err.code !== "ENOENT") throw err; // no build yet: Next.js says so itself
  }
}
const { default: next } = await import("next");
const app = next({ dev: false, dir: import.meta.dirname, hostname: hostname ?? "localhost", port });
const handleWithNext = app.getRequestHandler();
await app.prepare();

// Published by lib/services/webhook.ts once start-up has run, which Next.js may finish after prepare():
// until then Next.js's route answers, with the same handler.
const WEBHOOK_HANDLER = Symbol.for("marketplace-portal.webhook.node-handler");
// The simulator's Metering API (simulator mode only; lib/simulator-mount.ts publishes it), answered
// here for the same reason: a submission pass posts a batch per 25 hours. Its other paths go to Next.js.
const SIMULATOR_HANDLER = Symbol.for("marketplace-portal.simulator.node-handler");
const SIMULATOR_METERING_PATHS = /^\/api\/simulator\/(batchusageevent|usageevents?)(\?|$)/i;

// Abuse limits count by client address, which only this server sees (the socket): it replaces any
// client-sent x-portal-client-ip and tells lib/rate-limit that the header can be trusted.
globalThis[CLIENT_ADDRESS_TRUSTED] = true;
// The webhook's answers and the refused server actions bypass proxy.ts: give them the headers every response carries.
const baseHeaders = Object.entries(BASE_SECURITY_HEADERS);

// Server actions are checked here before Next.js decodes them (lib/server-action-guard.mjs): a malformed
// one (an unknown action, a body that is not React's reply encoding, another site's Origin, more than
// 1 MB) is answered 4xx, where the framework would answer 500.
const serverActions = loadServerActions(path.join(import.meta.dirname, ".next"));

/** @param {import("node:http").ServerResponse} res @param {{ status: number, reason: string, headers?: Record<string, string> }} refusal */
function refuse(req, res, refusal) {
  if (res.headersSent || res.destroyed) return;
  for (const [name, value] of baseHeaders) res.setHeader(name, value);
  const body = `${refusal.reason}\n`;
  res.writeHead(refusal.status, {
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
    ...refusal.headers,
    // Unread bytes of a refused body would stall a kept-alive connection: close it instead.
    ...(req.complete ? {} : { connection: "close" }),
  });
  res.end(body);
}

/** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res */
async function handleServerAction(req, res) {
  const known = /** @type {NonNullable<typeof serverActions>} */ (serverActions);
  let body;
  try {
    const early = refuseServerActionHead(req, known);
    if (early) return refuse(req, res, early);
    body = await readBoundedBody(req, SERVER_ACTION_BODY_LIMIT);
  } catch {
    return refuse(req, res, { status: 400, reason: "The request body could not be read." }); // e.g. a reset connection
  }
  if (body === null) return refuse(req, res, { status: 413, reason: "Body exceeded the 1 MB limit." });
  const refused = await refuseServerActionBody(req, body, known);
  if (refused) return refuse(req, res, refused);
  await handleWithNext(replayRequest(req, body), res);
}

/** Whether the path's percent escapes decode: Next.js answers 500 to one that does not (e.g. `%ZZ`) in a dynamic segment. */
function pathDecodes(url = "/") {
  try {
    decodeURIComponent(url.split("?")[0] ?? "");
    return true;
  } catch {
    return false;
  }
}

// Each request runs in its own log context (its ID on every line, x-request-id on the answer) and is logged once answered.
const server = createServer((req, res) => runLoggedRequest(log, req, res, () => handle(req, res)));
// A kept-alive connection stays open longer than the idle timeout of the clients and proxies in front
// (commonly 60 s), so this server is never the side that closes a socket a client is about to reuse:
// with Node's 5 s default, a request sent at that moment is reset (ECONNRESET) and, being a POST, not retried.
server.keepAliveTimeout = 75_000;
server.headersTimeout = 76_000; // must exceed keepAliveTimeout

/** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res */
function handle(req, res) {
  setClientAddressHeader(req, trustProxyHops);
  if (workerOnly && !WORKER_PATHS.test(req.url ?? "")) {
    return refuse(req, res, { status: 404, reason: "Not served by a worker instance (PORTAL_ROLE=worker)." });
  }
  if (!pathDecodes(req.url)) return refuse(req, res, { status: 400, reason: "The path has a malformed percent escape." });
  /** @type {((req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => Promise<void>) | undefined} */
  const handleWebhook = globalThis[WEBHOOK_HANDLER];
  if (handleWebhook && req.method === "POST" && (req.url === "/api/webhook" || req.url?.startsWith("/api/webhook?"))) {
    for (const [name, value] of baseHeaders) res.setHeader(name, value);
    handleWebhook(req, res).catch((err) => {
      log.error({ err }, "webhook call failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
    return;
  }
  /** @type {((req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => Promise<void>) | undefined} */
  const handleSimulator = globalThis[SIMULATOR_HANDLER];
  if (handleSimulator && SIMULATOR_METERING_PATHS.test(req.url ?? "")) {
    for (const [name, value] of baseHeaders) res.setHeader(name, value);
    handleSimulator(req, res).catch((err) => {
      log.error({ err }, "simulator call failed");
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
    return;
  }
  if (serverActions && isPossibleServerAction(req)) {
    handleServerAction(req, res).catch((err) => {
      log.error({ err }, "server action call failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
    return;
  }
  void handleWithNext(req, res);
}
server.on("error", (err) => {
  log.fatal({ err }, err.message);
  process.exit(1);
});
server.listen(port, hostname, () => {
  const address = server.address();
  const shown =
    typeof address === "object" && address
      ? `${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`
      : String(address);
  log.info(`ready on http://${shown}`);
});

// The background loops' drain (lib/startup.ts publishes it in the all and worker roles): the
// current tick finishes, no new one starts, for at most this long.
const DRAIN = Symbol.for("marketplace-portal.drain");
const DRAIN_MS = 5_000;

// Stop taking connections, drain the loops, let Next.js finish, then exit with the signal's conventional code.
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
]) {
  process.once(signal, () => {
    setTimeout(() => process.exit(code), DRAIN_MS + 3_000).unref(); // a stuck close must not keep the process alive
    server.close();
    server.closeIdleConnections();
    /** @type {((timeoutMs: number) => Promise<void>) | undefined} */
    const drain = globalThis[DRAIN];
    Promise.resolve(drain?.(DRAIN_MS))
      .catch((err) => log.error({ err }, "drain"))
      .then(() => app.close())
      .catch((err) => log.error({ err }, "shutdown"))
      .finally(() => process.exit(code));
  });
}
