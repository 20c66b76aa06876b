import type { DbOrTx } from "../db";
import { simulatorOptions } from "../options";
import { getRuntimeConfig } from "../config";
import type { TokenVersion } from "../identity/urls";

export const DEFAULT_WEBHOOK_PATH = "/api/webhook";

/** Microsoft retries up to 500 times over 8 hours; the simulator keeps the shape but bounds it. */
export const WEBHOOK_DELIVERY_DEFAULTS = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  /** Answer within 10 s: the window in which a publisher may still reject a plan or seat change. */
  timeoutMs: 10_000,
  /** Real webhook tokens observed in 2024 were v2 (`azp`, no `appid`). */
  issuerVersion: "v2" as TokenVersion,
};

export interface WebhookSettings {
  url: string;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  issuerVersion: TokenVersion;
  audience: string;
  tenantId: string;
}

export type WebhookSettingsOverrides = Partial<WebhookSettings>;

export async function resolveWebhookSettings(db: DbOrTx, overrides: WebhookSettingsOverrides = {}): Promise<WebhookSettings> {
  const options = simulatorOptions();
  const runtime = await getRuntimeConfig(db);
  return {
    url: runtime.webhookUrl ?? `${options.portalOrigin}${DEFAULT_WEBHOOK_PATH}`,
    maxAttempts: runtime.webhookMaxAttempts,
    baseDelayMs: runtime.webhookRetryDelayMs,
    maxDelayMs: WEBHOOK_DELIVERY_DEFAULTS.maxDelayMs,
    timeoutMs: WEBHOOK_DELIVERY_DEFAULTS.timeoutMs,
    issuerVersion: WEBHOOK_DELIVERY_DEFAULTS.issuerVersion,
    audience: options.webhook.audience,
    tenantId: options.webhook.tenantId,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
}

export function retryDelayMs(failedAttempt: number, settings: Pick<WebhookSettings, "baseDelayMs" | "maxDelayMs">): number {
  return Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, failedAttempt - 1));
}
