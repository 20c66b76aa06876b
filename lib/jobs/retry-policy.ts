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

export type DeliveryOutcome = "delivered" | "retried" | "failed" | "lost";
export type DeliveryFinish = { status: "succeeded" } | { status: "failed" } | { status: "pending"; nextAttemptAt: Date };

/**
 * Settles one attempt of an at-least-once delivery (outbound webhooks, notifications): sent, retried
 * after the policy's back-off, or failed once `attempts` reaches the policy's limit. `finish` records
 * it, fenced by the claim: false means another worker took the lease over, and the outcome is "lost".
 */
export async function settleAttempt(
  attempt: { ok: boolean; attempts: number },
  retry: { policy: RetryPolicy; now: Date; random: () => number },
  finish: (next: DeliveryFinish) => Promise<boolean>,
): Promise<DeliveryOutcome> {
  if (attempt.ok) return (await finish({ status: "succeeded" })) ? "delivered" : "lost";
  if (attempt.attempts >= retry.policy.maxAttempts) return (await finish({ status: "failed" })) ? "failed" : "lost";
  const nextAttemptAt = new Date(retry.now.getTime() + backoffDelay(attempt.attempts, retry.policy, retry.random));
  return (await finish({ status: "pending", nextAttemptAt })) ? "retried" : "lost";
}
