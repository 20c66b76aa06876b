export const dynamic = "force-dynamic";

/**
 * Liveness: the process is up and answers HTTP. Nothing else is checked, so a database outage never
 * makes an orchestrator restart every instance; readiness (/api/health/ready) covers dependencies.
 */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
