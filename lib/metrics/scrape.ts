import "server-only";
import { timingSafeEqual, createHash } from "node:crypto";
import type { Db, DbOrTx } from "@/db/client";
import { readMetricsSnapshot } from "@/db/queries/metrics";
import { metrics } from "./registry";

/** Sets the gauges that describe the database's state, then renders every series in Prometheus's text format. */
export async function renderMetrics(db: DbOrTx): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  const s = await readMetricsSnapshot(db);
  for (const [state, n] of Object.entries(s.inbox)) m.inboxItems.set({ state }, n);
  m.inboxOldestPending.set(s.oldestPendingInboxSeconds);
  m.deadLetters.set({ queue: "webhook_inbox" }, s.inbox.dead_letter);
  m.deadLetters.set({ queue: "outbound" }, s.outbound.failed);
  m.pendingOperations.set(s.pendingOperations);
  for (const [status, n] of Object.entries(s.syncRuns)) m.syncRuns.set({ status }, n);
  m.syncDrift.set(s.openDrift);
  for (const [status, n] of Object.entries(s.outbound)) m.outboundByStatus.set({ status }, n);
  for (const [state, n] of Object.entries(s.usageHours)) m.usageHours.set({ state }, n);
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}

/** Compares an Authorization header with the expected bearer token in constant time (hashes of equal length). */
export function bearerMatches(header: string | null, token: string): boolean {
  const given = header?.match(/^Bearer ([^\s]+)$/i)?.[1] ?? "";
  const digest = (v: string) => createHash("sha256").update(v).digest();
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}

/**
 * GET /api/metrics: off (404) unless a token is configured; then the scraper must send it as a
 * bearer token (401 otherwise, whatever session the caller has: this endpoint is for machines).
 */
export async function handleMetricsRequest(request: Request, opts: { token: string | null; getDb: () => Promise<Db> }): Promise<Response> {
  if (!opts.token) return new Response(null, { status: 404 });
  if (!bearerMatches(request.headers.get("authorization"), opts.token)) {
    return new Response(null, { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" } });
  }
  const { contentType, body } = await renderMetrics(await opts.getDb());
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
