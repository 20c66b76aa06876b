import { randomUUID } from "node:crypto";
import type { DbOrTx } from "../db";
import type { WebhookDeliveryRow, WebhookDeliveryState } from "../schema/notify";
import { recordAttempt } from "./queries";
import { retryDelayMs, type WebhookSettings } from "./settings";
import { mintWebhookToken } from "./token";

export interface DeliveryDeps {
  fetch: typeof fetch;
  now: () => Date;
}

export interface AttemptOutcome {
  attemptNumber: number;
  statusCode: number | null;
  state: WebhookDeliveryState;
  nextAttemptAt: Date | null;
}

const SNIPPET_LENGTH = 500;

/** A 4xx is the publisher's final answer (a rejection); anything but 2xx/4xx is retried. */
function nextState(status: number | null, attemptNumber: number, settings: WebhookSettings, finishedAt: Date) {
  if (status !== null && status >= 200 && status < 300)
    return { state: "delivered" as const, nextAttemptAt: null, completedAt: finishedAt };
  if (status !== null && status >= 400 && status < 500) return { state: "rejected" as const, nextAttemptAt: null, completedAt: finishedAt };
  if (attemptNumber >= settings.maxAttempts) return { state: "failed" as const, nextAttemptAt: null, completedAt: finishedAt };
  const due = new Date(finishedAt.getTime() + retryDelayMs(attemptNumber, settings));
  return { state: "retrying" as const, nextAttemptAt: due, completedAt: null };
}

export async function attemptDelivery(
  db: DbOrTx,
  delivery: WebhookDeliveryRow,
  settings: WebhookSettings,
  deps: DeliveryDeps,
): Promise<AttemptOutcome> {
  const attemptNumber = delivery.attempts + 1;
  const startedAt = deps.now();
  let statusCode: number | null = null;
  let responseSnippet: string | null = null;
  let error: string | null = null;
  try {
    const token = await mintWebhookToken(db, settings, startedAt);
    const response = await deps.fetch(delivery.url, {
      method: "POST",
      headers: {
        "content-type": "application/json; charset=utf-8",
        authorization: `Bearer ${token}`,
        "user-agent": "Marketplace-Simulator-Webhook/1.0",
      },
      body: JSON.stringify(delivery.payload),
      redirect: "manual",
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    statusCode = response.status;
    responseSnippet = (await response.text().catch(() => "")).slice(0, SNIPPET_LENGTH);
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
    error = err instanceof Error ? `${err.name}: ${err.message}${cause}` : String(err);
  }
  const finishedAt = deps.now();
  // The limit recorded with the delivery holds even if the runtime config changed since.
  const next = nextState(statusCode, attemptNumber, { ...settings, maxAttempts: delivery.maxAttempts }, finishedAt);
  const lastError =
    error ?? (statusCode !== null && statusCode >= 300 && statusCode < 400 ? `redirect (${statusCode}) not followed` : null);
  await recordAttempt(
    db,
    {
      id: randomUUID(),
      deliveryId: delivery.id,
      attemptNumber,
      startedAt,
      finishedAt,
      durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
      statusCode,
      responseSnippet,
      error: lastError,
    },
    { ...next, lastError },
  );
  return { attemptNumber, statusCode, state: next.state, nextAttemptAt: next.nextAttemptAt };
}
