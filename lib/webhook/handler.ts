import "server-only";
import { annotateRequest, logConsole } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "@/db/client";
import type { LimitDecision } from "@/lib/rate-limit/limiter";
import { clientAddressOf } from "@/lib/rate-limit/address";
import { createRefusalLog, type RefusalLog } from "@/lib/rate-limit/refusal-log";
import type { WebhookVerifier } from "./authenticate";
import { ingestNotification } from "./ingest";
import { parseWebhookBody } from "./payload";

export interface WebhookHandlerDeps {
  verify: WebhookVerifier;
  getDb: () => Promise<Db>;
  onQueued?: () => void;
  maxBodyBytes?: number;
  log?: Pick<Console, "warn" | "error">;
  /**
   * Counts a call that failed authentication against its address's limit (lib/rate-limit). Never
   * called for an authenticated call, which therefore costs no limiter work at all.
   */
  limitUnauthenticated?: (address: string) => Promise<LimitDecision>;
  /** Where refusals are summed up; by default one per handler, logging to `log`. */
  refusals?: RefusalLog;
}

export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;
// Headers kept with the inbox row for support cases; never the Authorization header.
const KEPT_HEADERS = ["x-ms-requestid", "x-ms-correlationid", "user-agent", "content-type"];

/** What the handler needs of a call, whichever server received it. */
interface WebhookCall {
  header(name: string): string | null;
  /** The caller's address for abuse limits (lib/rate-limit/address.ts). */
  address(): string;
  /** The body as text, or null once it grows past `max` bytes. */
  readBody(max: number): Promise<string | null>;
}

/** The answer; `body` undefined means an empty body (every refusal of the caller's identity). */
interface WebhookAnswer {
  status: number;
  body?: Record<string, string>;
  /** Seconds, on a 429. */
  retryAfter?: number;
  /** For the portal_webhook_calls_total series. */
  result: string;
}

// Microsoft waits at most 10 s for a ChangePlan/ChangeQuantity answer: everything slow happens in the worker.
function createWebhookCallHandler(deps: WebhookHandlerDeps): (call: WebhookCall) => Promise<WebhookAnswer> {
  const answer = createWebhookAnswerer(deps);
  return async (call) => {
    const result = await answer(call);
    metrics().webhookCalls.inc({ result: result.result });
    return result;
  };
}

function createWebhookAnswerer(deps: WebhookHandlerDeps): (call: WebhookCall) => Promise<WebhookAnswer> {
  const max = deps.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES;
  const log = deps.log ?? logConsole;
  const refusals = deps.refusals ?? createRefusalLog({ log });

  return async (call): Promise<WebhookAnswer> => {
    const declared = Number(call.header("content-length") ?? "0");
    if (Number.isFinite(declared) && declared > max) return { status: 413, result: "too_large" };

    const auth = await deps.verify(call.header("authorization"));
    if (!auth.ok) {
      // The reason goes to the log only (once per interval, then a count): a caller probing the endpoint learns nothing.
      const address = call.address();
      refusals.record(address, auth.status, auth.reason);
      if (auth.status === 401 && deps.limitUnauthenticated) {
        const decision = await deps.limitUnauthenticated(address);
        if (!decision.allowed) return { status: 429, retryAfter: decision.retryAfterSeconds, result: "rate_limited" };
      }
      return { status: auth.status, result: auth.status === 401 ? "unauthenticated" : "forbidden" };
    }

    const text = await call.readBody(max);
    if (text === null) return { status: 413, result: "too_large" };
    const parsed = parseWebhookBody(text);
    if (!parsed.ok) {
      log.warn(`webhook: invalid body: ${parsed.reason}`);
      return { status: 400, body: { error: "invalid notification" }, result: "invalid" };
    }

    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = call.header(name);
      if (value) headers[name] = value;
    }
    const { operationId, subscriptionId, action } = parsed.notification;
    annotateRequest({
      operationId,
      subscriptionId,
      action,
      msRequestId: headers["x-ms-requestid"],
      msCorrelationId: headers["x-ms-correlationid"],
    });
    try {
      const result = await ingestNotification(await deps.getDb(), parsed.notification, { headers });
      if (result.status === 400) {
        // A 4xx inside the 10-second window is how a change is refused; Microsoft reverts it.
        return { status: 400, body: { status: "rejected", reason: result.reason }, result: "rejected" };
      }
      if (result.outcome === "queued" && deps.onQueued) {
        try {
          deps.onQueued();
        } catch (err) {
          log.error("webhook: could not wake the worker", err);
        }
      }
      return { status: 200, body: { status: result.outcome }, result: result.outcome };
    } catch (err) {
      // Nothing was stored: a 5xx makes Microsoft deliver the call again.
      log.error("webhook: could not store the notification", err);
      return { status: 500, result: "error" };
    }
  };
}

async function readBoundedRequest(request: Request, max: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

// Events rather than `for await`: leaving that loop early destroys the socket, and the 413 with it.
function readBoundedMessage(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = () => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total <= max) return void chunks.push(chunk);
      done();
      req.resume(); // the rest is read and dropped; the answer closes the connection
      resolve(null);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const onClose = () => onError(new Error("the connection closed before the body was complete"));
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/** For the App Router route (`app/api/webhook/route.ts`) and anything else speaking fetch's Request. */
export function createWebhookHandler(deps: WebhookHandlerDeps): (request: Request) => Promise<Response> {
  const handle = createWebhookCallHandler(deps);
  return async (request) => {
    const answer = await handle({
      header: (name) => request.headers.get(name),
      address: () => clientAddressOf((name) => request.headers.get(name)),
      readBody: (max) => readBoundedRequest(request, max),
    });
    const headers: Record<string, string> = { "cache-control": "no-store" };
    if (answer.retryAfter !== undefined) headers["retry-after"] = String(answer.retryAfter);
    return answer.body
      ? Response.json(answer.body, { status: answer.status, headers })
      : new Response(null, { status: answer.status, headers });
  };
}

/**
 * For a plain `node:http` server: the production server (`server.mjs`) answers POST /api/webhook
 * with this before Next.js sees the request, because the framework's per-request work costs more
 * than the verification and the insert together (bench/webhook in the README).
 */
export function createNodeWebhookHandler(deps: WebhookHandlerDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const handle = createWebhookCallHandler(deps);
  const log = deps.log ?? logConsole;
  return async (req, res) => {
    let answer: WebhookAnswer;
    try {
      const header = (name: string) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value.join(", ") : (value ?? null);
      };
      answer = await handle({
        header,
        address: () => clientAddressOf(header),
        readBody: (max) => readBoundedMessage(req, max),
      });
    } catch (err) {
      // A connection reset while reading the body, for example: nothing was stored.
      log.error("webhook: could not read the call", err);
      answer = { status: 500, result: "error" };
    }
    if (res.headersSent || res.destroyed) return;
    const body = answer.body ? JSON.stringify(answer.body) : "";
    const headers: Record<string, string | number> = { "cache-control": "no-store", "content-length": Buffer.byteLength(body) };
    if (answer.body) headers["content-type"] = "application/json";
    if (answer.retryAfter !== undefined) headers["retry-after"] = answer.retryAfter;
    // Unread bytes of a refused body would stall a kept-alive connection: close it instead.
    if (!req.complete) headers.connection = "close";
    res.writeHead(answer.status, headers).end(body);
  };
}
