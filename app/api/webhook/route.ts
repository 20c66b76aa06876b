import { getWebhookHandlerDeps } from "@/lib/services/webhook";
import { createWebhookHandler } from "@/lib/webhook/handler";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// `npm start` (server.mjs) answers this path with the same handler before Next.js routes the request;
// this route serves it under `next dev` and `next start`.
// Built on first call, not at import: `next build` evaluates this module without configuration.
let handler: ((request: Request) => Promise<Response>) | undefined;

export async function POST(request: Request): Promise<Response> {
  handler ??= createWebhookHandler(getWebhookHandlerDeps());
  return handler(request);
}
