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

export async function readJson(request: Request, target = "body"): Promise<unknown> {
  const text = await request.text();
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
