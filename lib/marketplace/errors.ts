import type { z } from "zod";

export type ClientErrorCode =
  "InvalidResponse" | "InvalidRequest" | "NetworkError" | "Timeout" | "Aborted" | "TokenUnavailable" | "HttpError";

export interface MarketplaceApiErrorInit {
  /** HTTP status, or 0 when no response was received (network, timeout, local validation). */
  status: number;
  code: string;
  message: string;
  operation: string;
  retryable: boolean;
  requestId?: string;
  correlationId?: string;
  /** Raw response text, for logs only. */
  body?: string;
  target?: string;
  details?: unknown;
  cause?: unknown;
}

/** Every failure of the marketplace client: non-2xx answers, transport failures and bad bodies. */
export class MarketplaceApiError extends Error {
  override readonly name = "MarketplaceApiError";
  readonly status: number;
  readonly code: string;
  readonly operation: string;
  /** True when repeating the same call later is safe and may succeed. */
  readonly retryable: boolean;
  readonly requestId?: string;
  readonly correlationId?: string;
  readonly body?: string;
  readonly target?: string;
  readonly details?: unknown;

  constructor(init: MarketplaceApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.operation = init.operation;
    this.retryable = init.retryable;
    this.requestId = init.requestId;
    this.correlationId = init.correlationId;
    this.body = init.body;
    this.target = init.target;
    this.details = init.details;
  }

  toJSON() {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      operation: this.operation,
      retryable: this.retryable,
      requestId: this.requestId,
      correlationId: this.correlationId,
      target: this.target,
    };
  }
}

/**
 * By brand, not only `instanceof`: Next.js may bundle this module into several server chunks,
 * and a client created in one chunk throws a class another chunk does not recognise.
 */
export function isMarketplaceApiError(value: unknown): value is MarketplaceApiError {
  return (
    value instanceof MarketplaceApiError ||
    (value instanceof Error && value.name === "MarketplaceApiError" && "status" in value && "code" in value)
  );
}

export interface ParsedErrorBody {
  code?: string;
  message?: string;
  target?: string;
  details?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * No error shape is guaranteed: `{error:{code,message}}` (spec), `{code,message,target,details}` (emulator,
 * metering 400), `{Error:{Code,Message}}` (api-version errors) and `{code,message,additionalInfo}` (metering 409).
 */
export function parseErrorBody(text: string): ParsedErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  if (!isRecord(json)) return {};
  const nested = isRecord(json.error) ? json.error : isRecord(json.Error) ? json.Error : undefined;
  const source = nested ?? json;
  return {
    code: str(source.code) ?? str(source.Code),
    message: str(source.message) ?? str(source.Message),
    target: str(source.target) ?? str(source.Target),
    details: source.details ?? source.Details ?? json.additionalInfo,
  };
}

interface ErrorContext {
  operation: string;
  requestId?: string;
  correlationId?: string;
}

export function httpStatusError(ctx: ErrorContext & { status: number; text: string; retryable: boolean }) {
  const parsed = parseErrorBody(ctx.text);
  const code = parsed.code ?? "HttpError";
  return new MarketplaceApiError({
    ...ctx,
    code,
    message: `${ctx.operation}: HTTP ${ctx.status} ${code}${parsed.message ? `: ${parsed.message}` : ""}`,
    body: ctx.text,
    target: parsed.target,
    details: parsed.details,
  });
}

export function transportError(
  ctx: ErrorContext & { kind: "NetworkError" | "Timeout" | "Aborted"; retryable: boolean; timeoutMs: number; cause: unknown },
) {
  const detail =
    ctx.kind === "Timeout"
      ? `no response within ${ctx.timeoutMs} ms`
      : ctx.kind === "Aborted"
        ? "aborted by the caller"
        : describeCause(ctx.cause);
  return new MarketplaceApiError({
    status: 0,
    code: ctx.kind,
    message: `${ctx.operation}: ${detail}`,
    operation: ctx.operation,
    retryable: ctx.retryable,
    requestId: ctx.requestId,
    correlationId: ctx.correlationId,
    cause: ctx.cause,
  });
}

export function invalidResponseError(ctx: ErrorContext & { status: number; text?: string; detail: string }) {
  return new MarketplaceApiError({
    status: ctx.status,
    code: "InvalidResponse",
    message: `${ctx.operation}: unexpected response (${ctx.detail})`,
    operation: ctx.operation,
    retryable: false,
    requestId: ctx.requestId,
    correlationId: ctx.correlationId,
    body: ctx.text,
  });
}

export function invalidRequestError(operation: string, detail: string) {
  return new MarketplaceApiError({ status: 0, code: "InvalidRequest", message: `${operation}: ${detail}`, operation, retryable: false });
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : "";
  return `${cause.message}${inner}`;
}

export function describeZodError(error: z.ZodError, limit = 5): string {
  return error.issues
    .slice(0, limit)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(body)"}: ${issue.message}`)
    .join("; ");
}
