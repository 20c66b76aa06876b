import type { z } from "zod";
import { MarketplaceApiError, describeZodError, parseErrorBody } from "./errors";
import { isRetryableStatus, isRetryableTransportFailure, nextDelay, type RetryMode, type RetryOptions } from "./retry";

export const API_VERSION = "2018-08-31";

export interface MarketplaceLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface CallOptions {
  /** Ties all attempts of one logical operation together; a fresh UUID when omitted. */
  correlationId?: string;
  signal?: AbortSignal;
}

export interface HttpCoreOptions {
  baseUrl: string;
  getToken?: () => Promise<string>;
  publisherId?: string;
  fetch: typeof fetch;
  timeoutMs: number;
  retry: RetryOptions;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  logger?: MarketplaceLogger;
  now?: () => number;
  newId?: () => string;
}

export interface ApiRequest {
  /** Public client method name, reported in logs and errors. */
  operation: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path below the base URL with parameters already encoded, e.g. `/saas/subscriptions/abc`. */
  path: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  body?: unknown;
  retry: RetryMode;
  /** Non-2xx statuses handed back to the caller instead of thrown (e.g. metering's 409 duplicate). */
  passThrough?: readonly number[];
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined for an empty body. */
  json: unknown;
  requestId: string;
  correlationId: string;
}

export type HttpCore = ReturnType<typeof createHttpCore>;

export function createHttpCore(opts: HttpCoreOptions) {
  const base = opts.baseUrl.replace(/\/+$/, "");
  const now = opts.now ?? Date.now;
  const newId = opts.newId ?? (() => crypto.randomUUID());
  const emulator = opts.publisherId !== undefined;

  function buildUrl(req: ApiRequest): string {
    const url = new URL(base + req.path);
    url.searchParams.set("api-version", API_VERSION);
    // Microsoft's emulator identifies the publisher this way when no bearer token is sent.
    if (emulator) url.searchParams.set("publisherId", opts.publisherId!);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    return url.toString();
  }

  async function authorization(req: ApiRequest, ids: { requestId: string; correlationId: string }) {
    if (emulator || !opts.getToken) return undefined;
    try {
      return `Bearer ${await opts.getToken()}`;
    } catch (cause) {
      throw new MarketplaceApiError({
        status: 0,
        code: "TokenUnavailable",
        message: `Could not obtain a marketplace access token: ${cause instanceof Error ? cause.message : String(cause)}`,
        operation: req.operation,
        retryable: false,
        cause,
        ...ids,
      });
    }
  }

  async function attempt(req: ApiRequest, url: string, correlationId: string, signal: AbortSignal | undefined) {
    const requestId = newId();
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-ms-requestid": requestId,
      "x-ms-correlationid": correlationId,
      ...req.headers,
    };
    const auth = await authorization(req, { requestId, correlationId });
    if (auth) headers.authorization = auth;
    const timeout = AbortSignal.timeout(opts.timeoutMs);
    const started = now();
    try {
      const response = await opts.fetch(url, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const text = await response.text();
      return { ok: true as const, response, text, requestId, durationMs: now() - started };
    } catch (cause) {
      const kind = signal?.aborted ? "Aborted" : timeout.aborted ? "Timeout" : "NetworkError";
      return { ok: false as const, kind, cause, requestId, durationMs: now() - started };
    }
  }

  async function send(req: ApiRequest, call: CallOptions = {}): Promise<ApiResponse> {
    const correlationId = call.correlationId ?? newId();
    const url = buildUrl(req);
    const logBase = { operation: req.operation, method: req.method, path: req.path, correlationId };
    for (let n = 1; ; n++) {
      if (call.signal?.aborted) throw abortedError(req, correlationId, call.signal.reason);
      const result = await attempt(req, url, correlationId, call.signal);
      const last = n >= opts.retry.maxAttempts;

      if (!result.ok) {
        const retryable = result.kind !== "Aborted" && isRetryableTransportFailure(req.retry);
        const log = { ...logBase, status: 0, attempt: n, durationMs: result.durationMs, requestId: result.requestId, error: result.kind };
        if (result.kind === "Aborted") throw abortedError(req, correlationId, result.cause, result.requestId);
        if (!retryable || last) {
          opts.logger?.warn(log, "marketplace request failed");
          throw new MarketplaceApiError({
            status: 0,
            code: result.kind,
            message: `${req.operation}: ${result.kind === "Timeout" ? `no response within ${opts.timeoutMs} ms` : describeCause(result.cause)}`,
            operation: req.operation,
            retryable,
            requestId: result.requestId,
            correlationId,
            cause: result.cause,
          });
        }
        const delayMs = nextDelay({ attempt: n, nowMs: now(), options: opts.retry, random: opts.random });
        opts.logger?.warn({ ...log, delayMs }, "marketplace request failed, retrying");
        await opts.sleep(delayMs);
        continue;
      }

      const { response, text } = result;
      const requestId = response.headers.get("x-ms-requestid") ?? result.requestId;
      const log = { ...logBase, status: response.status, attempt: n, durationMs: result.durationMs, requestId };
      if (response.ok || req.passThrough?.includes(response.status)) {
        opts.logger?.info(log, "marketplace request");
        return { status: response.status, headers: response.headers, text, json: parseJson(text), requestId, correlationId };
      }

      const retryable = isRetryableStatus(response.status, req.retry);
      if (!retryable || last) {
        opts.logger?.warn(log, "marketplace request failed");
        throw httpError(req, response, text, retryable, requestId, correlationId);
      }
      const delayMs = nextDelay({
        attempt: n,
        status: response.status,
        retryAfter: response.headers.get("retry-after"),
        nowMs: now(),
        options: opts.retry,
        random: opts.random,
      });
      opts.logger?.warn({ ...log, delayMs }, "marketplace request failed, retrying");
      await opts.sleep(delayMs);
    }
  }

  /** Validates a 2xx body with a wire schema and returns our own shape. */
  function parse<S extends z.ZodType>(schema: S, res: ApiResponse, operation: string): z.output<S> {
    if (res.json instanceof InvalidJson) throw invalidResponse(operation, res, "body is not valid JSON");
    const parsed = schema.safeParse(res.json);
    if (!parsed.success) throw invalidResponse(operation, res, describeZodError(parsed.error));
    return parsed.data;
  }

  return { send, parse, baseUrl: base, emulator };
}

class InvalidJson {
  constructor(readonly text: string) {}
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return new InvalidJson(text);
  }
}

export function invalidResponse(operation: string, res: ApiResponse, detail: string): MarketplaceApiError {
  return new MarketplaceApiError({
    status: res.status,
    code: "InvalidResponse",
    message: `${operation}: unexpected response body (${detail})`,
    operation,
    retryable: false,
    requestId: res.requestId,
    correlationId: res.correlationId,
    body: res.text,
  });
}

function httpError(req: ApiRequest, response: Response, text: string, retryable: boolean, requestId: string, correlationId: string) {
  const parsed = parseErrorBody(text);
  const code = parsed.code ?? "HttpError";
  return new MarketplaceApiError({
    status: response.status,
    code,
    message: `${req.operation}: HTTP ${response.status} ${code}${parsed.message ? `: ${parsed.message}` : ""}`,
    operation: req.operation,
    retryable,
    requestId,
    correlationId,
    body: text,
    target: parsed.target,
    details: parsed.details,
  });
}

function abortedError(req: ApiRequest, correlationId: string, cause: unknown, requestId?: string) {
  return new MarketplaceApiError({
    status: 0,
    code: "Aborted",
    message: `${req.operation}: aborted by the caller`,
    operation: req.operation,
    retryable: false,
    requestId,
    correlationId,
    cause,
  });
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : "";
  return `${cause.message}${inner}`;
}
