import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The portal's Prometheus series (prom-client). Counters are this process's own; the gauges that
 * describe shared state (queues, runs, usage hours) are read from the database at scrape time
 * (lib/metrics/scrape.ts), so every instance reports the same values for them.
 */
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "portal_" });
  const registers = [registry];
  return {
    registry,
    marketplaceRequests: new Counter({
      name: "portal_marketplace_requests_total",
      help: "Calls to Microsoft's SaaS Fulfillment and Metering APIs, one per attempt, by operation and HTTP status (0: no answer)",
      labelNames: ["operation", "status"] as const,
      registers,
    }),
    marketplaceDuration: new Histogram({
      name: "portal_marketplace_request_duration_seconds",
      help: "Latency of calls to Microsoft's APIs, by operation",
      labelNames: ["operation"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    tokenAcquisitions: new Counter({
      name: "portal_marketplace_token_acquisitions_total",
      help: "Access tokens requested from Microsoft Entra ID for the marketplace APIs, by result",
      labelNames: ["result"] as const,
      registers,
    }),
    webhookCalls: new Counter({
      name: "portal_webhook_calls_total",
      help: "Calls to the marketplace webhook, by result",
      labelNames: ["result"] as const,
      registers,
    }),
    outboundDeliveries: new Counter({
      name: "portal_outbound_delivery_attempts_total",
      help: "Attempts to deliver an outbound event to the ISV's endpoints, by result",
      labelNames: ["result"] as const,
      registers,
    }),
    inboxItems: new Gauge({
      name: "portal_webhook_inbox_items",
      help: "Webhook inbox rows by state",
      labelNames: ["state"] as const,
      registers,
    }),
    inboxOldestPending: new Gauge({
      name: "portal_webhook_inbox_oldest_pending_age_seconds",
      help: "Age of the oldest webhook inbox row still to be processed (0: none)",
      registers,
    }),
    deadLetters: new Gauge({
      name: "portal_dead_letters",
      help: "Work given up after its retries: webhook inbox rows in dead_letter, outbound deliveries that failed",
      labelNames: ["queue"] as const,
      registers,
    }),
    pendingOperations: new Gauge({
      name: "portal_marketplace_operations_pending",
      help: "Marketplace operations not yet finished (NotStarted or InProgress)",
      registers,
    }),
    syncRuns: new Gauge({
      name: "portal_sync_runs",
      help: "Reconciliation runs with Microsoft's subscription list, by status",
      labelNames: ["status"] as const,
      registers,
    }),
    syncDrift: new Gauge({
      name: "portal_sync_drift_open",
      help: "Open differences between the portal's subscriptions and Microsoft's",
      registers,
    }),
    outboundByStatus: new Gauge({
      name: "portal_outbound_deliveries",
      help: "Outbound deliveries by status",
      labelNames: ["status"] as const,
      registers,
    }),
    usageHours: new Gauge({
      name: "portal_usage_hours",
      help: "Metered usage hours by state",
      labelNames: ["state"] as const,
      registers,
    }),
  };
}

export type PortalMetrics = ReturnType<typeof createMetrics>;

// On globalThis: Next.js loads this module once per bundle (start-up, each route), and all of them
// must count into the one registry the endpoint exposes.
const KEY = Symbol.for("marketplace-portal.metrics");
const store = globalThis as unknown as Record<symbol, PortalMetrics | undefined>;

export function metrics(): PortalMetrics {
  store[KEY] ??= createMetrics();
  return store[KEY];
}
