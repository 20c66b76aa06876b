export { sendWebhook, type SendWebhookOptions, type SendWebhookResult } from "./send";
export { listWebhookDeliveries, clearWebhookDeliveries, type WebhookDelivery } from "./queries";
export {
  ensureWebhookRetryLoop,
  isWebhookRetryLoopRunning,
  startWebhookRetryLoop,
  stopWebhookRetryLoop,
  type RetryLoopOptions,
  type WebhookRetryLoop,
} from "./retry-loop";
export { DEFAULT_WEBHOOK_PATH, WEBHOOK_DELIVERY_DEFAULTS, resolveWebhookSettings, retryDelayMs, type WebhookSettings } from "./settings";
export { mintWebhookToken } from "./token";
