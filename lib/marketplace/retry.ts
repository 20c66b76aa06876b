export interface RetryOptions {
  /** Total attempts including the first one. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 10_000 };

/** Upper bound for a server-requested Retry-After wait. */
export const RETRY_AFTER_CAP_MS = 60_000;

/**
 * How a call may be repeated after a failure whose outcome is unknown.
 * - "idempotent": GETs, resolve, activate (documented as safe to retry), PATCH operation, and
 *   metering posts (Microsoft deduplicates per resource/dimension/hour and answers 409).
 * - "once": PATCH and DELETE subscription start a new operation each time they are processed.
 */
export type RetryMode = "idempotent" | "once";

/**
 * 429 means the request was not processed, so any call may repeat it. Server errors and
 * lost connections leave the outcome unknown: only idempotent calls are repeated then.
 * 400/401/403/404/409 never change on a retry.
 */
export function isRetryableStatus(status: number, mode: RetryMode): boolean {
  if (status === 429) return true;
  if (mode !== "idempotent") return false;
  return status === 408 || status >= 500;
}

/** Network errors and per-attempt timeouts: the request may or may not have been processed. */
export function isRetryableTransportFailure(mode: RetryMode): boolean {
  return mode === "idempotent";
}

/** Parses Retry-After as delta seconds or an HTTP date; undefined when absent or unusable. */
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

/** Delay before the next attempt; Retry-After wins on 429 and 503, capped at RETRY_AFTER_CAP_MS. */
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
