import { log } from "@/lib/log";
import { getDatabase } from "@/db";
import { pingDatabase } from "@/db/queries/health";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

/** Liveness and connection state: 200 when the database answers, 503 otherwise. */
export async function GET() {
  const env = getEnv();
  const started = performance.now();
  let database: { ok: boolean; latencyMs?: number; error?: string };
  try {
    await pingDatabase((await getDatabase()).db);
    database = { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    log.error({ err }, "health: database check failed");
    database = { ok: false, error: "database unreachable" };
  }
  const body = {
    status: database.ok ? "ok" : "degraded",
    database: env.database.kind,
    marketplace: env.marketplace.mode,
    marketplaceApi: new URL(env.marketplace.apiBaseUrl).origin,
    webhookAuthentication: env.webhook.authDisabled ? "disabled" : "enabled",
    // Who vouches for buyers and staff: Microsoft Entra ID, or the simulator's look-alike.
    signIn: env.auth.provider,
    checks: { database },
  };
  return Response.json(body, { status: database.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
