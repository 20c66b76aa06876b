/** Helpers for tests that drive the simulator in process (Vitest only). */
export * from "./harness";
export { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from "./webhook-receiver";
export { SIMULATOR_MIGRATIONS, useSimulatorDatabase } from "../database";
export { mintWebhookToken, resolveWebhookSettings, WEBHOOK_DELIVERY_DEFAULTS } from "../notify";
export { getSigningKey } from "../identity/keys";
export { configureSimulator, defaultSimulatorOptions } from "../options";
export { defaultRuntimeConfig, getRuntimeConfig, updateRuntimeConfig } from "../config";
export * from "../seed-data";
export { startSimulatorServer, type SimulatorServer } from "../identity/testing/simulator-server";
export { sealSignInRequest } from "../identity/sign-in-request";
export { listWebhookDeliveries, sendWebhook } from "../notify";
export { changePlanPayload, scriptedReceiver } from "../notify/testing/receiver";
export { openPostgres } from "./postgres";
