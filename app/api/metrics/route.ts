import { getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { handleMetricsRequest } from "@/lib/metrics/scrape";

export const dynamic = "force-dynamic";

/** Prometheus's scrape endpoint, with METRICS_TOKEN as its bearer token (lib/metrics). */
export function GET(request: Request): Promise<Response> {
  return handleMetricsRequest(request, { token: getEnv().metricsToken, getDb });
}
