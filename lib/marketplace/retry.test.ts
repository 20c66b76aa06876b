import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, RETRY_AFTER_CAP_MS, backoffDelay, isRetryableStatus, nextDelay, parseRetryAfter } from "./retry";

describe("retry policy", () => {
  it.each([
    [429, "once", true],
    [429, "idempotent", true],
    [500, "idempotent", true],
    [503, "idempotent", true],
    [500, "once", false],
    [503, "once", false],
    [400, "idempotent", false],
    [401, "idempotent", false],
    [403, "idempotent", false],
    [404, "idempotent", false],
    [409, "idempotent", false],
  ] as const)("status %i in %s mode retryable=%s", (status, mode, expected) => {
    expect(isRetryableStatus(status, mode)).toBe(expected);
  });

  it("parses Retry-After seconds and HTTP dates", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("uses full jitter under an exponential ceiling capped at maxDelayMs", () => {
    expect(backoffDelay(1, DEFAULT_RETRY, () => 0.5)).toBe(100);
    expect(backoffDelay(3, DEFAULT_RETRY, () => 0.5)).toBe(400);
    expect(backoffDelay(20, DEFAULT_RETRY, () => 0.999)).toBe(9990);
    expect(backoffDelay(2, DEFAULT_RETRY, () => 0)).toBe(0);
  });

  it("honours Retry-After on 429/503 only, capped", () => {
    const base = { attempt: 1, nowMs: 0, options: DEFAULT_RETRY, random: () => 0.5 };
    expect(nextDelay({ ...base, status: 429, retryAfter: "2" })).toBe(2000);
    expect(nextDelay({ ...base, status: 503, retryAfter: "600" })).toBe(RETRY_AFTER_CAP_MS);
    expect(nextDelay({ ...base, status: 500, retryAfter: "2" })).toBe(100);
    expect(nextDelay({ ...base, status: 429 })).toBe(100);
  });
});
