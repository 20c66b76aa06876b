import { expect, vi } from "vitest";
import { MARKETPLACE_APP_ID, SIMULATOR_CLIENT_ID, SIMULATOR_CLIENT_SECRET, SIMULATOR_TENANT_ID } from "../constants";
import { validateResponseAgainstContract } from "../contract/openapi";
import { createTestDatabase, type TestDatabaseKind, type TestDatabase } from "@/test/db";
import { handleSimulatorRequest } from "../api";
import { SIMULATOR_MIGRATIONS, useSimulatorDatabase } from "../database";
import { stopWebhookRetryLoop } from "../notify";
import { configureSimulator, defaultSimulatorOptions } from "../options";
import { stopSimulatorTick } from "../tick";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

export const ORIGIN = "http://localhost:3000";
export const API = `${ORIGIN}/api/simulator`;
export const V = "api-version=2018-08-31";

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** A bearer token, null for none; the publisher's own token by default. */
  token?: string | null;
  /** Contract errors that must occur: documented real-service behaviour the spec lacks. */
  contractDeviations?: RegExp[];
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

export interface ContractExpectations {
  expect?: RegExp[];
  /** Contract errors that may occur, e.g. an injected 429 a client retries through. */
  allow?: RegExp[];
}

/** Calls the simulator and checks every Fulfillment and Metering response against Microsoft's OpenAPI documents. */
export async function checkedFetch(request: Request, contract: ContractExpectations = {}): Promise<Response> {
  const response = await handleSimulatorRequest(request);
  const path = new URL(request.url).pathname;
  const isApi = !path.startsWith("/api/simulator/_sim") && !/^\/api\/simulator\/[0-9a-f-]{36}\//i.test(path);
  if (isApi) {
    const text = await response.clone().text();
    const errors = validateResponseAgainstContract({
      method: request.method,
      url: request.url,
      status: response.status,
      headers: response.headers,
      body: text,
    });
    const known = [...(contract.expect ?? []), ...(contract.allow ?? [])];
    const unexpected = errors.filter((e) => !known.some((d) => d.test(e)));
    expect(unexpected, `${request.method} ${path} → ${response.status} ${text.slice(0, 300)}`).toEqual([]);
    for (const d of contract.expect ?? [])
      expect(
        errors.some((e) => d.test(e)),
        `expected a contract deviation matching ${d}`,
      ).toBe(true);
  }
  return response;
}

export interface SimHarness {
  db: TestDatabase;
  webhooks: WebhookReceiver;
  call(method: string, path: string, opts?: CallOptions): Promise<CallResult>;
  mintToken(scope?: string): Promise<string>;
  /** Back to the seed, with webhooks pointed at the local receiver and short delays. */
  reset(config?: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(kind: TestDatabaseKind): Promise<SimHarness> {
  const db = await createTestDatabase(kind, { extraMigrations: [SIMULATOR_MIGRATIONS] });
  tolerateTeardown(db);
  configureSimulator(defaultSimulatorOptions(ORIGIN, () => db));
  await useSimulatorDatabase(db);
  const webhooks = await startWebhookReceiver();
  let cached: { token: string; exp: number } | undefined;

  async function mintToken(scope = `${MARKETPLACE_APP_ID}/.default`): Promise<string> {
    const res = await handleSimulatorRequest(
      new Request(`${API}/${SIMULATOR_TENANT_ID}/oauth2/v2.0/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: SIMULATOR_CLIENT_ID,
          client_secret: SIMULATOR_CLIENT_SECRET,
          scope,
        }).toString(),
      }),
    );
    const json = (await res.json()) as { access_token?: string; expires_in?: number };
    if (!json.access_token) throw new Error(`no token: ${JSON.stringify(json)}`);
    return json.access_token;
  }

  async function publisherToken(): Promise<string> {
    // Re-minted when the (possibly faked) clock has moved past the cached token's lifetime.
    if (!cached || Date.now() > cached.exp - 120_000) cached = { token: await mintToken(), exp: Date.now() + 3600_000 };
    return cached.token;
  }

  async function call(method: string, path: string, opts: CallOptions = {}): Promise<CallResult> {
    const headers = new Headers(opts.headers);
    const token = opts.token === undefined ? await publisherToken() : opts.token;
    if (token) headers.set("authorization", `Bearer ${token}`);
    let body: string | undefined;
    if (opts.body !== undefined) body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    // The control API takes writes only as JSON, with or without a body.
    if (!headers.has("content-type") && (body !== undefined || method !== "GET")) headers.set("content-type", "application/json");
    const url = path.startsWith("http") ? path : `${API}${path}`;
    const res = await checkedFetch(new Request(url, { method, headers, body }), { expect: opts.contractDeviations });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  }

  async function reset(config: Record<string, unknown> = {}) {
    vi.useRealTimers();
    cached = undefined;
    webhooks.received.length = 0;
    webhooks.answer = () => 200;
    expect((await call("POST", "/_sim/reset")).status).toBe(200);
    const put = await call("PUT", "/_sim/config", {
      body: { webhookUrl: webhooks.url, webhookMaxAttempts: 1, operationDelayMs: 0, rejectWindowMs: 0, ...config },
    });
    expect(put.status, put.text).toBe(200);
  }

  return {
    db,
    webhooks,
    call,
    mintToken,
    reset,
    async close() {
      await stopSimulatorTick();
      await stopWebhookRetryLoop(db.db);
      await webhooks.close();
      await db.close();
    },
  };
}

export async function buy(h: SimHarness, body: Record<string, unknown>) {
  const res = await h.call("POST", "/_sim/purchases", { body });
  expect(res.status, res.text).toBe(201);
  return res.body as { subscriptionId: string; token: string; landingUrl: string; status: string; webhookStatus: number | null };
}

export const alex = { email: "alex@contoso.example", tenantId: "c0a70500-0000-4000-8000-000000000001" };
export const kim = { email: "kim@fabrikam.example", tenantId: "fab51ca0-0000-4000-8000-000000000002" };

/** Moves the clock forward: only `Date` is faked, so timers and I/O keep running. */
export function travel(ms: number): void {
  if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  vi.setSystemTime(Date.now() + ms);
}

/** The test database is force-dropped before idle pool connections finish closing; their "error" is expected. */
export function tolerateTeardown(handle: { db: unknown; kind: string }): void {
  if (handle.kind !== "postgres") return;
  const pool = (handle.db as { $client?: { on?: (event: "error", listener: () => void) => void } }).$client;
  pool?.on?.("error", () => {});
}
