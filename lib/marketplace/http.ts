import type { z } from "zod";
import { describeZodError, httpStatusError, invalidResponseError, transportError, MarketplaceApiError } from "./errors";
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
  operation: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
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
  json: unknown;
  requestId: string;
  correlationId: string;
}

const INVALID_JSON = Symbol("invalid-json");

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

  async function authorization(operation: string, ids: { requestId: string; correlationId: string }) {
    if (emulator || !opts.getToken) return undefined;
    try {
      return `Bearer ${await opts.getToken()}`;
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new MarketplaceApiError({
        status: 0,
        code: "TokenUnavailable",
        message: `${operation}: could not obtain a marketplace access token: ${reason}`,
        operation,
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
    const auth = await authorization(req.operation, { requestId, correlationId });
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
      const kind = signal?.aborted ? ("Aborted" as const) : timeout.aborted ? ("Timeout" as const) : ("NetworkError" as const);
      return { ok: false as const, kind, cause, requestId, durationMs: now() - started };
    }
  }

  function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (!signal) return opts.sleep(ms);
    return new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener("abort", done);
        resolve();
      };
      signal.addEventListener("abort", done, { once: true });
      opts.sleep(ms).then(done, done);
    });
  }

  async function send(req: ApiRequest, call: CallOptions = {}): Promise<ApiResponse> {
    const correlationId = call.correlationId ?? newId();
    const url = buildUrl(req);
    const ctx = { operation: req.operation, correlationId };
    const logBase = { ...ctx, method: req.method, path: req.path };
    for (let n = 1; ; n++) {
      if (call.signal?.aborted) {
        throw transportError({ ...ctx, kind: "Aborted", retryable: false, timeoutMs: opts.timeoutMs, cause: call.signal.reason });
      }
      const result = await attempt(req, url, correlationId, call.signal);
      const last = n >= opts.retry.maxAttempts;
      let retryAfter: string | null = null;
      let status = 0;

      if (!result.ok) {
        const retryable = result.kind !== "Aborted" && isRetryableTransportFailure(req.retry);
        const log = { ...logBase, status, attempt: n, durationMs: result.durationMs, requestId: result.requestId, error: result.kind };
        if (!retryable || last) {
          opts.logger?.warn(log, "marketplace request failed");
          throw transportError({ ...ctx, ...result, retryable, timeoutMs: opts.timeoutMs });
        }
        opts.logger?.warn(log, "marketplace request failed, retrying");
      } else {
        const { response, text } = result;
        status = response.status;
        const requestId = response.headers.get("x-ms-requestid") ?? result.requestId;
        const log = { ...logBase, status, attempt: n, durationMs: result.durationMs, requestId };
        if (response.ok || req.passThrough?.includes(status)) {
          opts.logger?.info(log, "marketplace request");
          return { status, headers: response.headers, text, json: parseJson(text), requestId, correlationId };
        }
        const retryable = isRetryableStatus(status, req.retry);
        if (!retryable || last) {
          opts.logger?.warn(log, "marketplace request failed");
          throw httpStatusError({ ...ctx, status, text, retryable, requestId });
        }
        opts.logger?.warn(log, "marketplace request failed, retrying");
        retryAfter = response.headers.get("retry-after");
      }
      const delayMs = nextDelay({ attempt: n, status, retryAfter, nowMs: now(), options: opts.retry, random: opts.random });
      await pause(delayMs, call.signal);
    }
  }

  function parse<S extends z.ZodType>(schema: S, res: ApiResponse, operation: string): z.output<S> {
    if (res.json === INVALID_JSON) throw invalidResponse(operation, res, "body is not valid JSON");
    const parsed = schema.safeParse(res.json);
    if (!parsed.success) throw invalidResponse(operation, res, describeZodError(parsed.error));
    return parsed.data;
  }

  return { send, parse, baseUrl: base };
}

export function invalidResponse(operation: string, res: ApiResponse, detail: string): MarketplaceApiError {
  return invalidResponseError({
    operation,
    status: res.status,
    requestId: res.requestId,
    correlationId: res.correlationId,
    text: res.text,
    detail,
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID_JSON;
  }
}
