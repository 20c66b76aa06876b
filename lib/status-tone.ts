/**
 * What a status means to staff, on one scale shared by badges, banners, timelines and charts
 * (components/ui/status-tone.ts gives each tone its colours). Green is kept for good news only:
 * a suspension that "succeeded" is still bad news.
 */
export type Tone = "positive" | "progress" | "waiting" | "warning" | "negative" | "ended";

/** Microsoft's subscription statuses (https://learn.microsoft.com/partner-center/marketplace-offers/pc-saas-fulfillment-life-cycle). */
export const SUBSCRIPTION_STATUS_TONES: Record<string, Tone> = {
  Subscribed: "positive",
  PendingFulfillmentStart: "waiting",
  NotStarted: "waiting",
  Suspended: "warning",
  Unsubscribed: "ended",
};

export const subscriptionStatusTone = (status: string): Tone => SUBSCRIPTION_STATUS_TONES[status] ?? "ended";

/** The state a completed operation leaves the subscription in decides its tone, not the word "Succeeded". */
const OUTCOME_OF_ACTION: Record<string, Tone> = {
  Suspend: "warning",
  Unsubscribe: "ended",
};

/** An operation's tone: open ones are in progress, failures negative, a success by what it did. */
export function operationTone(o: { action: string; status: string; completedAt: Date | null }): Tone {
  if (o.status === "Failed" || o.status === "Conflict") return "negative";
  if (!o.completedAt || o.status === "InProgress" || o.status === "NotStarted") return "progress";
  return outcomeTone(o.action);
}

/** A change that went through, by what it did: a suspension is a warning, a cancellation an end. */
export const outcomeTone = (action: string): Tone => OUTCOME_OF_ACTION[action] ?? "positive";

/** A webhook call: by its inbox state, and once processed by what Microsoft told us. */
export function webhookTone(w: { action: string; state: string }): Tone {
  return w.state === "processed" ? outcomeTone(w.action) : (INBOX_STATE_TONES[w.state] ?? "ended");
}

/** A webhook inbox row's state. */
export const INBOX_STATE_TONES: Record<string, Tone> = {
  received: "progress",
  processing: "progress",
  processed: "positive",
  ignored: "ended",
  failed: "negative",
  dead_letter: "negative",
};
