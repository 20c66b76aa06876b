import "server-only";
import { getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { kickWebhookWorker } from "@/lib/jobs/webhook-worker";
import { consumeAbuseLimit } from "@/lib/rate-limit";
import { createRefusalLog } from "@/lib/rate-limit/refusal-log";
import { createWebhookVerifier } from "@/lib/webhook/authenticate";
import { createNodeWebhookHandler, type WebhookHandlerDeps } from "@/lib/webhook/handler";

// On globalThis: the route's bundle and the start-up bundle are separate module graphs, and both
// paths must share one verifier (one cache of Entra's signing keys).
const globalForWebhook = globalThis as unknown as { webhookDeps?: WebhookHandlerDeps } & Record<symbol, unknown>;

/** POST /api/webhook wired to this process's configuration, database and inbox worker; built on first use. */
export function getWebhookHandlerDeps(): WebhookHandlerDeps {
  globalForWebhook.webhookDeps ??= {
    verify: createWebhookVerifier(getEnv().webhook),
    getDb,
    onQueued: kickWebhookWorker,
    limitUnauthenticated: (address) => consumeAbuseLimit("webhookUnauthenticated", address),
    refusals: createRefusalLog(),
  };
  return globalForWebhook.webhookDeps;
}

/** Where the production server (`server.mjs`, plain JavaScript, spelling the same key) looks for the webhook's node:http handler. */
const NODE_WEBHOOK_HANDLER_KEY = Symbol.for("marketplace-portal.webhook.node-handler");

/** Hands the production server the same handler the route uses, for it to answer before Next.js. */
export function publishNodeWebhookHandler(): void {
  globalForWebhook[NODE_WEBHOOK_HANDLER_KEY] = createNodeWebhookHandler(getWebhookHandlerDeps());
}
