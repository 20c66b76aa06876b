// One context per HTTP request, opened by server.mjs: the request ID that every log line written
// while the request runs carries, and the marketplace IDs the portal learns on the way (the
// subscription, the webhook's operation, Microsoft's x-ms-requestid and x-ms-correlationid), which
// the request's own log line reports once it is answered.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { REQUEST_CONTEXT_KEY, redactUrl } from "./config.mjs";

// On globalThis: server.mjs and each of Next.js's bundles load their own copy of this module.
/** @type {AsyncLocalStorage<{ requestId: string; fields: Record<string, unknown> }>} */
export const requestContext = (globalThis[REQUEST_CONTEXT_KEY] ??= new AsyncLocalStorage());

// A caller's (or a proxy's) ID is kept when it is one token of reasonable length; anything else
// could forge log lines or carry a payload, so a fresh one replaces it.
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

/** @param {string | string[] | undefined} header */
export function requestIdFrom(header) {
  const value = Array.isArray(header) ? header[0] : header;
  return value && WELL_FORMED.test(value) ? value : randomUUID();
}

/** The current request's ID, when there is one. */
export function currentRequestId() {
  return requestContext.getStore()?.requestId;
}

/**
 * Runs `fn` outside any request's context: for background work a request only wakes (a worker's
 * round), whose lines, and every later round its timers schedule, must not carry that request's ID.
 */
export function outsideRequest(fn) {
  return requestContext.exit(fn);
}

/** Adds marketplace IDs (or other facts) to the current request's log line; a no-op outside a request. */
export function annotateRequest(fields) {
  const store = requestContext.getStore();
  if (store) Object.assign(store.fields, fields);
}

/**
 * Runs `handle` inside a new request context, answers with the request ID in `x-request-id`, and
 * writes one line when the response is finished (or the client went away).
 * @param {import("pino").Logger} logger
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {() => void} handle
 */
export function runLoggedRequest(logger, req, res, handle) {
  const requestId = requestIdFrom(req.headers["x-request-id"]);
  const started = process.hrtime.bigint();
  const store = { requestId, fields: {} };
  res.setHeader("x-request-id", requestId);
  let logged = false;
  const done = () => {
    if (logged) return;
    logged = true;
    const url = req.url ?? "/";
    const line = {
      requestId,
      method: req.method,
      route: url.split("?")[0],
      url: redactUrl(url),
      status: res.writableFinished ? res.statusCode : res.headersSent ? res.statusCode : 499,
      durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      ...store.fields,
    };
    // Health probes arrive every few seconds: their successes only at debug.
    const level = line.status >= 500 ? "error" : line.route.startsWith("/api/health") && line.status < 400 ? "debug" : "info";
    logger[level](line, "request");
  };
  res.once("finish", done);
  res.once("close", done);
  requestContext.run(store, handle);
}
