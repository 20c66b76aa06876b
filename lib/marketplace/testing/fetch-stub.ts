import { createMarketplaceClient, type MarketplaceClientOptions } from "../client";

export interface RecordedRequest {
  url: URL;
  method: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined. */
  body: unknown;
  signal?: AbortSignal;
}

export interface ReplySpec {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON, strings as they are. */
  body?: unknown;
}

export type Reply = ReplySpec | Error | ((req: RecordedRequest) => ReplySpec | Error | Promise<ReplySpec | Error>);

/** A fetch that records every request and plays the given replies in order (the last one repeats). */
export function stubFetch(...replies: Reply[]) {
  const calls: RecordedRequest[] = [];
  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const text = typeof init?.body === "string" ? init.body : undefined;
    const req: RecordedRequest = {
      url: new URL(String(input)),
      method: init?.method ?? "GET",
      headers,
      body: text === undefined ? undefined : JSON.parse(text),
      signal: init?.signal ?? undefined,
    };
    calls.push(req);
    const reply = replies[Math.min(calls.length - 1, replies.length - 1)] ?? { status: 200 };
    const resolved = typeof reply === "function" ? await reply(req) : reply;
    if (resolved instanceof Error) throw resolved;
    const body = resolved.body === undefined ? "" : typeof resolved.body === "string" ? resolved.body : JSON.stringify(resolved.body);
    return new Response(body === "" && [204, 205, 304].includes(resolved.status ?? 200) ? null : body, {
      status: resolved.status ?? 200,
      headers: resolved.headers,
    });
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

/** A reply that never settles until the request's signal aborts, like a hung connection. */
export function hang(): Reply {
  return (req) =>
    new Promise<Error>((resolve) => {
      const signal = req.signal;
      if (!signal) return;
      const fail = () => resolve(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
      if (signal.aborted) fail();
      else signal.addEventListener("abort", fail, { once: true });
    });
}

export const TEST_BASE_URL = "https://marketplaceapi.microsoft.com/api";
export const TEST_TOKEN = "test-access-token";

/** A client on a stubbed fetch, with sleeps recorded instead of waited. */
export function clientWith(stub: ReturnType<typeof stubFetch>, overrides: Partial<MarketplaceClientOptions> = {}) {
  const sleeps: number[] = [];
  const client = createMarketplaceClient({
    baseUrl: TEST_BASE_URL,
    getToken: async () => TEST_TOKEN,
    fetch: stub.fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return { client, sleeps, calls: stub.calls };
}
