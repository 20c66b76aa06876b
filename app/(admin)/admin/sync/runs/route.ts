import { getDb } from "@/db";
import { listSyncRuns } from "@/db/queries/sync";
import { staffForRoute } from "@/lib/auth/guards";
import { getEnv } from "@/lib/env";
import { getMarketplaceClient } from "@/lib/services/marketplace";
import { startSyncInBackground } from "@/lib/sync/start-sync";

const noStore = { "cache-control": "no-store" };

/** Recent runs as JSON, newest first: for scripts and monitoring. */
export async function GET(): Promise<Response> {
  const staff = await staffForRoute("viewer");
  if (staff instanceof Response) return staff;
  return Response.json({ runs: await listSyncRuns(await getDb(), 10) }, { headers: noStore });
}

/**
 * Starts a sync, like the page's button. A cookie-authenticated POST must not be forgeable from
 * another site: JSON only (a cross-site form cannot send it without a CORS preflight, which
 * fails), and a browser's Origin must be ours.
 */
export async function POST(request: Request): Promise<Response> {
  const origin = request.headers.get("origin");
  const ours = new Set([new URL(request.url).origin, new URL(getEnv().publicBaseUrl).origin]);
  if (origin && !ours.has(origin)) return Response.json({ error: "Cross-site request refused." }, { status: 403, headers: noStore });
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    return Response.json({ error: "Send Content-Type: application/json." }, { status: 415, headers: noStore });
  }
  const staff = await staffForRoute("operator");
  if (staff instanceof Response) return staff;
  const db = await getDb();
  const actor = { type: "staff", id: staff.userId, email: staff.email } as const;
  const run = await startSyncInBackground(db, getMarketplaceClient(), { startedBy: staff.email, actor });
  if (!run) return Response.json({ error: "A sync is already running." }, { status: 409, headers: noStore });
  return Response.json({ run }, { status: 202, headers: noStore });
}
