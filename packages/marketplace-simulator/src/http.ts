import { randomUUID } from "node:crypto";
import type { Db } from "./db";

export const API_VERSION = "2018-08-31";

export interface SimContext {
  db: Db;
  request: Request;
  url: URL;
  baseUrl: string;
  requestId: string;
  correlationId: string | null;
  now: Date;
}

export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
    this.name = "SimHttpError";
  }
}

// 4xx bodies as the real service (and the emulator modelled on it) sends them; the spec defines only 500's.
export const fail = {
  badRequest: (message: string, target?: string, code = "BadRequest") =>
    new SimHttpError(400, { code, message, ...(target ? { target } : {}) }),
  notFound: (message: string, target = "subscriptionId") => new SimHttpError(404, { code: "EntityNotFound", message, target }),
  conflict: (message: string, target?: string) => new SimHttpError(409, { code: "Conflict", message, ...(target ? { target } : {}) }),
  forbidden: (message: string) => new SimHttpError(403, { code: "Forbidden", message }),
  unauthorized: (message: string) =>
    new SimHttpError(401, { code: "Unauthorized", message }, { "www-authenticate": 'Bearer error="invalid_token"' }),
  internal: (message: string, code = "InternalServerError") => new SimHttpError(500, { error: { code, message } }),
};

export function requestIds(request: Request): { requestId: string; correlationId: string | null } {
  return {
    requestId: request.headers.get("x-ms-requestid")?.trim() || randomUUID(),
    correlationId: request.headers.get("x-ms-correlationid")?.trim() || null,
  };
}

/** Microsoft echoes both tracking IDs (generating the request ID when absent). */
export function respond(
  ctx: Pick<SimContext, "requestId" | "correlationId">,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): Response {
  const h = new Headers(headers);
  h.set("x-ms-requestid", ctx.requestId);
  if (ctx.correlationId) h.set("x-ms-correlationid", ctx.correlationId);
  h.set("cache-control", "no-store");
  if (body === undefined) return new Response(null, { status, headers: h });
  h.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { status, headers: h });
}

/**
 * The most a request body may hold. Microsoft's bodies (a batch of 25 usage events) and the control
 * API's (a purchase, a list of fault rules) take a few KiB; a bigger one is answered 413 as soon as
 * it is declared or read that far, never buffered whole.
 */
export const MAX_REQUEST_BODY_BYTES = 256 * 1024;

export const bodyTooLarge = (max: number) =>
  new SimHttpError(413, { code: "RequestEntityTooLarge", message: `The request body is larger than ${max} bytes.` });

/** The body as text, read no further than `max` bytes: throws a 413 SimHttpError past it. */
export async function readBoundedText(request: Request, max = MAX_REQUEST_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) throw bodyTooLarge(max);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw bodyTooLarge(max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function readJson(request: Request, target = "body"): Promise<unknown> {
  const text = await readBoundedText(request);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw fail.badRequest("The request body is not valid JSON.", target);
  }
}

export function isGuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export const iso = (d: Date) => d.toISOString();
