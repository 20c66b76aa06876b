import "server-only";

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

// 5 s, 10 s, 20 s … capped at 30 min: a ChangePlan that Microsoft auto-accepts after 10 s is
// usually applied on the second or third look, and ten attempts span about four hours.
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 5000, maxDelayMs: 30 * 60 * 1000 };

export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(Math.min(policy.maxDelayMs, exponential) * (0.8 + 0.4 * random()));
}
