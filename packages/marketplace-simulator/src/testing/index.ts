/** Helpers for tests that drive the simulator in process (Vitest only). */
export * from "./harness";
export { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from "./webhook-receiver";
export { SIMULATOR_MIGRATIONS, useSimulatorDatabase } from "../database";
export { mintWebhookToken, resolveWebhookSettings, WEBHOOK_DELIVERY_DEFAULTS } from "../notify";
export { getSigningKey } from "../identity/keys";
