import type { Db } from "@/db/client";
import type { WebhookVerifier } from "./authenticate";
import { ingestNotification } from "./ingest";
import { parseWebhookBody } from "./payload";

export interface WebhookHandlerDeps {
  verify: WebhookVerifier;
  getDb: () => Promise<Db>;
  onQueued?: () => void;
  maxBodyBytes?: number;
  log?: Pick<Console, "warn" | "error">;
}

export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;
// Headers kept with the inbox row for support cases; never the Authorization header.
const KEPT_HEADERS = ["x-ms-requestid", "x-ms-correlationid", "user-agent", "content-type"];

const empty = (status: number) => new Response(null, { status, headers: { "cache-control": "no-store" } });
const json = (status: number, body: unknown) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

async function readBounded(request: Request, max: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

// Microsoft waits at most 10 s for a ChangePlan/ChangeQuantity answer: everything slow happens in the worker.
export function createWebhookHandler(deps: WebhookHandlerDeps): (request: Request) => Promise<Response> {
  const max = deps.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES;
  const log = deps.log ?? console;

  return async (request) => {
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (Number.isFinite(declared) && declared > max) return empty(413);

    const auth = await deps.verify(request.headers.get("authorization"));
    if (!auth.ok) {
      // The reason goes to the log only: a caller probing the endpoint learns nothing.
      log.warn(`webhook: refused (${auth.status}): ${auth.reason}`);
      return empty(auth.status);
    }

    const text = await readBounded(request, max);
    if (text === null) return empty(413);
    const parsed = parseWebhookBody(text);
    if (!parsed.ok) {
      log.warn(`webhook: invalid body: ${parsed.reason}`);
      return json(400, { error: "invalid notification" });
    }

    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = request.headers.get(name);
      if (value) headers[name] = value;
    }
    try {
      const result = await ingestNotification(await deps.getDb(), parsed.notification, { headers });
      if (result.status === 400) {
        // A 4xx inside the 10-second window is how a change is refused; Microsoft reverts it.
        return json(400, { status: "rejected", reason: result.reason });
      }
      if (result.outcome === "queued" && deps.onQueued) {
        try {
          deps.onQueued();
        } catch (err) {
          log.error("webhook: could not wake the worker", err);
        }
      }
      return json(200, { status: result.outcome });
    } catch (err) {
      // Nothing was stored: a 5xx makes Microsoft deliver the call again.
      log.error("webhook: could not store the notification", err);
      return empty(500);
    }
  };
}
