import { randomUUID } from "node:crypto";
import type { DbOrTx } from "../db";
import type { WebhookPayload } from "../types";
import { attemptDelivery } from "./deliver";
import { insertDelivery } from "./queries";
import { ensureWebhookRetryLoop } from "./retry-loop";
import { resolveWebhookSettings, type WebhookSettingsOverrides } from "./settings";

export interface SendWebhookOptions {
  settings?: WebhookSettingsOverrides;
  fetch?: typeof fetch;
  now?: () => Date;
  startRetryLoop?: boolean;
}

export interface SendWebhookResult {
  /** The HTTP status of the first attempt, or null when no answer came back. */
  firstAttemptStatus: number | null;
  deliveryId: string;
}

/** The first attempt is inline: a 4xx to ChangePlan/ChangeQuantity within 10 s rejects the change. */
export async function sendWebhook(db: DbOrTx, payload: WebhookPayload, options: SendWebhookOptions = {}): Promise<SendWebhookResult> {
  const settings = await resolveWebhookSettings(db, options.settings);
  const now = options.now ?? (() => new Date());
  const createdAt = now();
  const delivery = await insertDelivery(db, {
    id: randomUUID(),
    operationId: payload.id,
    subscriptionId: payload.subscriptionId,
    action: payload.action,
    url: settings.url,
    payload,
    state: "sending",
    attempts: 0,
    maxAttempts: settings.maxAttempts,
    // The lease: should this process die mid-attempt, the retry loop picks the row up later.
    nextAttemptAt: new Date(createdAt.getTime() + settings.timeoutMs + 30_000),
    createdAt,
    updatedAt: createdAt,
  });
  const outcome = await attemptDelivery(db, delivery, settings, { fetch: options.fetch ?? globalThis.fetch.bind(globalThis), now });
  if (outcome.state === "retrying" && options.startRetryLoop !== false) {
    ensureWebhookRetryLoop(db, { settings: options.settings, fetch: options.fetch, now: options.now });
  }
  return { firstAttemptStatus: outcome.statusCode, deliveryId: delivery.id };
}
