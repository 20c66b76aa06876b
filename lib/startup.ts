import "server-only";
import { log } from "@/lib/log";
import { getDatabase, getDb } from "@/db";
import { PgliteBusyError } from "@/db/pglite-lock";
import { getAuthSecret } from "@/lib/auth/secret";
import { EnvError, getEnv } from "@/lib/env";
import { startCredentialExpiryCheck } from "@/lib/health/credential-warnings";
import { drainLoops } from "@/lib/jobs/loop";
import { startWebhookWorker } from "@/lib/jobs/webhook-worker";
import { sealStoredSecrets } from "@/lib/outbound/endpoints";
import { startUsageSubmitter } from "@/lib/metering/job";
import { startOutboundWorker } from "@/lib/outbound/worker";
import { ensureConfiguredChannel, startNotificationWorker } from "@/lib/notifications";
import { getMarketplaceClient } from "@/lib/services/marketplace";
import { publishNodeWebhookHandler } from "@/lib/services/webhook";
import { startOperationTracker } from "@/lib/subscriptions/track-operations";
import { startScheduledSync } from "@/lib/sync/scheduler";

/** Where the production server (server.mjs, spelling the same key) finds the drain to run on SIGTERM. */
const DRAIN_KEY = Symbol.for("marketplace-portal.drain");

/**
 * Server start: refuse a bad configuration with one message listing every problem, migrate,
 * then, by PORTAL_ROLE, start the background work that must never run inside a request — the
 * webhook inbox worker, the tracker of operations the portal started, the scheduled
 * reconciliation, the usage submission to Microsoft, the app credential's expiry check, and the delivery of outbound events to the
 * ISV's own systems (roles all and worker) — and hand the production server its webhook handler
 * (roles all and web). A web-only instance stores webhook calls in the inbox and leaves them to
 * a worker, which claims them from the database.
 */
export async function startServer(): Promise<void> {
  try {
    getEnv();
    // A generated session secret is checked (or created) now: an unsafe file must stop the
    // start, not fail the first sign-in.
    getAuthSecret();
  } catch (err) {
    if (err instanceof EnvError) {
      log.fatal(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { db } = await getDatabase().catch((err: unknown) => {
    // The command line has the PGlite folder open: one line, no stack trace.
    if (err instanceof PgliteBusyError || (err instanceof Error && err.name === "PgliteBusyError")) {
      log.fatal(err.message);
      process.exit(1);
    }
    throw err;
  });
  if (getEnv().marketplace.mode === "simulator") {
    const { seedDemoCatalogue } = await import("@/db/seed-demo");
    await seedDemoCatalogue(db);
  }
  const sealed = await sealStoredSecrets(db);
  if (sealed > 0) log.info({ endpoints: sealed }, "outbound: encrypted the endpoints' signing secrets with DATA_ENCRYPTION_KEY");
  if (getEnv().marketplace.mode === "live" && !getEnv().dataEncryptionKey) {
    log.warn("outbound: DATA_ENCRYPTION_KEY is not set, so endpoint signing secrets are stored unencrypted");
  }
  const configured = await ensureConfiguredChannel(db, getEnv().mail);
  if (configured) log.info("notifications: created the e-mail channel of SMTP_URL with the default rules");
  const role = getEnv().role;
  if (role !== "web") {
    startWebhookWorker({ getDb, getClient: getMarketplaceClient, intervalMs: 5_000 });
    startOperationTracker({ getDb, getClient: getMarketplaceClient, intervalMs: 2_000 });
    startScheduledSync({ getDb, getClient: getMarketplaceClient });
    startOutboundWorker({ getDb, intervalMs: 2_000 });
    startNotificationWorker({ getDb, intervalMs: 2_000 });
    startUsageSubmitter({ getDb, getClient: getMarketplaceClient });
    if (getEnv().marketplace.mode === "live") startCredentialExpiryCheck({ getDb, getEnv });
    (globalThis as Record<symbol, unknown>)[DRAIN_KEY] = (timeoutMs: number) => drainLoops(timeoutMs);
  }
  if (role !== "worker") {
    publishNodeWebhookHandler();
    if (getEnv().marketplace.mode === "simulator") (await import("@/lib/simulator-mount")).publishNodeSimulatorHandler();
  }
  log.info({ role }, `portal: role ${role}`);
}
