/**
 * Contract checks against Microsoft's OpenAPI 3.0 documents for the SaaS Fulfillment API v2
 * (`saasapi.v2.json`) and the Metering API v1 (`meteringapi.v1.json`), vendored in this
 * package's `openapi/` folder (see its SOURCE.md). Validation is openapi-backend + Ajv
 * (with ajv-formats), driven only by the documents. A missing document is an error, never a skip.
 *
 *   import { validateRequestAgainstContract, validateResponseAgainstContract } from "marketplace-simulator/contract";
 *
 *   expect(validateRequestAgainstContract({ method, url, headers, body })).toEqual([]);
 *   expect(validateResponseAgainstContract({ method, url, status, headers, body })).toEqual([]);
 *
 * - `url`: absolute or a path with query; everything up to and including `/api` or
 *   `/api/simulator` is dropped before routing (the documents' server is `.../api`).
 *   `/saas/subscriptions` and `/saas/subscriptions/` both match the list operation.
 * - `headers`: a `Headers` object or a plain object, names in any case.
 * - `body`: parsed JSON, a JSON string, or undefined / "" for no body.
 * - Both functions return readable error strings; an empty array means valid. Unknown routes,
 *   statuses the document does not list for the operation, and a missing body where the document
 *   defines one are errors. Statuses without a documented schema only have their headers checked.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import addFormats from "ajv-formats";
import { OpenAPIRouter, OpenAPIValidator, SetMatchType } from "openapi-backend";
import type { ErrorObject } from "ajv";

type Definition = ConstructorParameters<typeof OpenAPIRouter>[0]["definition"];
interface DocumentedResponse {
  content?: Record<string, { schema?: unknown }>;
  headers?: Record<string, unknown>;
}

export const contractDir = fileURLToPath(new URL("../../openapi/", import.meta.url));
export const CONTRACT_DOCUMENTS = ["saasapi.v2.json", "meteringapi.v1.json"] as const;

type HeadersLike = Headers | Record<string, string | string[] | undefined>;
export interface ContractRequest {
  method: string;
  url: string;
  headers?: HeadersLike;
  body?: unknown;
}
export interface ContractResponse extends ContractRequest {
  status: number;
}
export interface ContractOperation {
  operationId: string;
  method: string;
  /** Path template as written in the document, e.g. `/saas/subscriptions/{subscriptionId}`. */
  path: string;
  /** Response statuses the document lists, e.g. ["200", "403", "500"]. */
  statuses: string[];
}

interface Api {
  router: OpenAPIRouter;
  validator: OpenAPIValidator;
}
let apis: Api[] | undefined;

function loadApis(): Api[] {
  apis ??= CONTRACT_DOCUMENTS.map((file) => {
    const raw: unknown = JSON.parse(readFileSync(path.join(contractDir, file), "utf8"));
    const definition = dereference(raw, raw) as Definition;
    // `/saas/subscriptions/` is declared with a trailing slash; the router ignores request slashes only.
    definition.paths = Object.fromEntries(Object.entries(definition.paths ?? {}).map(([p, item]) => [p.replace(/(.)\/$/, "$1"), item]));
    const router = new OpenAPIRouter({ definition, ignoreTrailingSlashes: true });
    const validator = new OpenAPIValidator({
      definition,
      router,
      lazyCompileValidators: true,
      ajvOpts: { strict: false, allErrors: true },
      customizeAjv: (ajv) => {
        addFormats(ajv);
        return ajv;
      },
    });
    return { router, validator };
  });
  return apis;
}

/** Inlines local `$ref`s; per OpenAPI 3.0, keys beside a `$ref` are ignored. */
function dereference(node: unknown, root: unknown, seen: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((n) => dereference(n, root, seen));
  if (typeof node !== "object" || node === null) return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === "string") {
    if (!ref.startsWith("#/")) throw new Error(`Only local $ref is supported: ${ref}`);
    if (seen.includes(ref)) throw new Error(`Circular $ref: ${ref}`);
    const target = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((acc, key) => (acc as Record<string, unknown>)?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], root);
    if (target === undefined) throw new Error(`Unresolved $ref: ${ref}`);
    return dereference(target, root, [...seen, ref]);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, dereference(v, root, seen)]));
}

function relativePath(url: string): { path: string; query: Record<string, string | string[]> } {
  const parsed = new URL(url, "http://contract.invalid");
  const pathname = parsed.pathname;
  const marker = ["/api/simulator/", "/api/"].map((m) => ({ m, i: pathname.indexOf(m) })).find(({ i }) => i !== -1);
  const rel = marker ? pathname.slice(marker.i + marker.m.length - 1) : pathname;
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(parsed.searchParams.keys())) {
    const values = parsed.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return { path: rel, query };
}

function lowerHeaders(headers: HeadersLike | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [k, v] of entries) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

function match(method: string, url: string) {
  const { path: p, query } = relativePath(url);
  const req = { method: method.toLowerCase(), path: p, query, headers: {} };
  for (const api of loadApis()) {
    const operation = api.router.matchOperation(req);
    if (operation) return { api, operation, path: p, query };
  }
  return { api: undefined, operation: undefined, path: p, query };
}

/** The documented operation a method and URL route to, or undefined. */
export function findContractOperation(method: string, url: string): ContractOperation | undefined {
  const { operation } = match(method, url);
  if (!operation?.operationId) return undefined;
  return {
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    statuses: Object.keys(operation.responses ?? {}),
  };
}

function parseBody(body: unknown, errors: string[]): { present: boolean; value?: unknown } {
  if (body === undefined || body === null || body === "") return { present: false };
  if (typeof body !== "string") return { present: true, value: body };
  try {
    return { present: true, value: JSON.parse(body) };
  } catch {
    errors.push("body is not valid JSON");
    return { present: true };
  }
}

const describeAjv = (where: string, errs: ErrorObject[] | null | undefined) =>
  (errs ?? []).map(
    (e) =>
      `${where}${e.instancePath || ""} ${e.message ?? e.keyword}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ""}`,
  );

export function validateRequestAgainstContract(req: ContractRequest): string[] {
  const { api, operation, path: p, query } = match(req.method, req.url);
  if (!api || !operation) return [`no documented operation for ${req.method.toUpperCase()} ${p}`];
  const errors: string[] = [];
  const body = parseBody(req.body, errors);
  if (body.present && !operation.requestBody) errors.push(`${operation.operationId} takes no request body`);
  const result = api.validator.validateRequest(
    { method: req.method.toLowerCase(), path: p, query, headers: lowerHeaders(req.headers), ...(body.present ? { body: body.value } : {}) },
    operation,
  );
  return [...errors, ...describeAjv("request", result.errors)];
}

export function validateResponseAgainstContract(res: ContractResponse): string[] {
  const { api, operation, path: p } = match(res.method, res.url);
  if (!api || !operation) return [`no documented operation for ${res.method.toUpperCase()} ${p}`];
  const responses = (operation.responses ?? {}) as Record<string, DocumentedResponse>;
  const documented = responses[String(res.status)] ?? responses[`${String(res.status)[0]}XX`] ?? responses.default;
  if (!documented)
    return [`${operation.operationId} does not document status ${res.status} (documents ${Object.keys(responses).join(", ")})`];
  const errors: string[] = [];
  const body = parseBody(res.body, errors);
  if (documented.content?.["application/json"]?.schema) {
    if (!body.present) errors.push(`${operation.operationId} ${res.status} documents a JSON body, none was sent`);
    else if (!errors.length)
      errors.push(...describeAjv("response body", api.validator.validateResponse(body.value, operation, res.status).errors));
  }
  if (documented.headers) {
    const result = api.validator.validateResponseHeaders(lowerHeaders(res.headers), operation, {
      statusCode: res.status,
      setMatchType: SetMatchType.Any,
    });
    errors.push(...describeAjv("response", result.errors));
  }
  return errors;
}
