import { getDatabase } from "@/db";
import { getEnv } from "@/lib/env";
import { cachedReadiness } from "@/lib/health/readiness";
import { getMarketplaceTokenProvider } from "@/lib/services/marketplace";

export const dynamic = "force-dynamic";

/**
 * Readiness: 200 when this instance can serve (database reachable, migrations at head, its background
 * loops alive, a marketplace token obtainable in live mode), 503 otherwise. Checked at most every 30 s.
 */
export async function GET() {
  const readiness = await cachedReadiness(() => {
    const env = getEnv();
    const tokens = env.marketplace.mode === "live" ? getMarketplaceTokenProvider() : null;
    return { getDatabase, mode: env.marketplace.mode, getToken: tokens ? () => tokens.getToken() : null };
  });
  return Response.json(
    { status: readiness.ready ? "ready" : "not ready", ...readiness },
    { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
