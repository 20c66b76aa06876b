import { getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { kickWebhookWorker } from "@/lib/jobs/webhook-worker";
import { createWebhookVerifier } from "@/lib/webhook/authenticate";
import { createWebhookHandler } from "@/lib/webhook/handler";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Built on first call, not at import: `next build` evaluates this module without configuration.
let handler: ((request: Request) => Promise<Response>) | undefined;

export async function POST(request: Request): Promise<Response> {
  handler ??= createWebhookHandler({
    verify: createWebhookVerifier(getEnv().webhook),
    getDb,
    onQueued: kickWebhookWorker,
  });
  return handler(request);
}
