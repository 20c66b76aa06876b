export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 10_000 };

export const RETRY_AFTER_CAP_MS = 60_000;

// "idempotent": GETs, resolve, activate (documented safe to retry), PATCH operation, metering posts
// (deduplicated per resource/dimension/hour with 409). "once": PATCH/DELETE subscription start operations.
export type RetryMode = "idempotent" | "once";

// 429 means "not processed", so any call may repeat it; 5xx leaves the outcome unknown.
export function isRetryableStatus(status: number, mode: RetryMode): boolean {
  if (status === 429) return true;
  if (mode !== "idempotent") return false;
  return status === 408 || status >= 500;
}

export function isRetryableTransportFailure(mode: RetryMode): boolean {
  return mode === "idempotent";
}

export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Exponential backoff with full jitter: uniform in [0, min(maxDelay, base * 2^(attempt-1))). */
export function backoffDelay(attempt: number, options: RetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

export function nextDelay(args: {
  attempt: number;
  status?: number;
  retryAfter?: string | null;
  nowMs: number;
  options: RetryOptions;
  random: () => number;
}): number {
  if (args.status === 429 || args.status === 503) {
    const requested = parseRetryAfter(args.retryAfter, args.nowMs);
    if (requested !== undefined) return Math.min(requested, RETRY_AFTER_CAP_MS);
  }
  return backoffDelay(args.attempt, args.options, args.random);
}
