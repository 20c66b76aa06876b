import "server-only";
import type { z } from "zod";

/** Responses of /api/v1 are per caller: never cached by the browser or a proxy. */
const NO_STORE = { "cache-control": "no-store" };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

/** RFC 9457 problem details. https://www.rfc-editor.org/rfc/rfc9457 */
export function problem(
  status: number,
  title: string,
  extra: { detail?: string; issues?: z.core.$ZodIssue[]; headers?: Record<string, string> } = {},
): Response {
  const body = {
    type: "about:blank",
    title,
    status,
    ...(extra.detail ? { detail: extra.detail } : {}),
    ...(extra.issues
      ? {
          issues: extra.issues.map((i) => ({
            path: i.path.map((p) => (typeof p === "number" ? p : String(p))),
            message: i.message,
            code: i.code,
          })),
        }
      : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...NO_STORE, "content-type": "application/problem+json", ...extra.headers },
  });
}

export const MAX_BODY_BYTES = 512 * 1024;

export type BodyRead = { ok: true; value: unknown } | { ok: false; response: Response };

/**
 * Reads a JSON body of at most `limit` bytes. Content-Length is checked first (a cheap refusal),
 * then the stream is counted as it arrives, since a chunked body declares no length and a
 * declared one can lie.
 */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<BodyRead> {
  const tooLarge = (): BodyRead => ({
    ok: false,
    response: problem(413, "Payload Too Large", { detail: `The body may be at most ${limit} bytes.` }),
  });
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) return tooLarge();
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]*\+)?json\b/i.test(type)) {
    return { ok: false, response: problem(415, "Unsupported Media Type", { detail: "Send the body as application/json." }) };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return { ok: false, response: problem(400, "Bad Request", { detail: "The body is not valid JSON." }) };
  }
}

/** A URL's query parameters as a plain object, for zod (repeated parameters: the last one wins). */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
