import type { AttemptOutcome } from "@/lib/outbound/deliver";
import type { AttemptResult } from "@/lib/outbound/send";

/** One sentence for staff about an attempt made while they waited. */
export function describeAttempt(sent: { outcome: AttemptOutcome; result: AttemptResult } | null): string {
  if (!sent) return "was queued; the background worker sends it.";
  const { outcome, result } = sent;
  const answer = result.statusCode === null ? (result.error ?? "no answer") : `HTTP ${result.statusCode} in ${result.durationMs} ms`;
  if (outcome === "delivered") return `delivered: ${answer}.`;
  if (outcome === "retried") return `failed (${answer}); it will be retried automatically.`;
  if (outcome === "failed") return `failed (${answer}) and will not be retried.`;
  return `was finished by another worker meanwhile.`;
}
