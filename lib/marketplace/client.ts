import { createFulfillmentApi } from "./fulfillment";
import { createHttpCore, type MarketplaceLogger } from "./http";
import { createMeteringApi } from "./metering";
import { DEFAULT_RETRY, type RetryOptions } from "./retry";

export interface MarketplaceClientOptions {
  /** `https://marketplaceapi.microsoft.com/api`, the emulator's `.../api`, or our `{origin}/api/simulator`. */
  baseUrl: string;
  getToken?: () => Promise<string>;
  /** Emulator mode: sent as `?publisherId=` on every call, and no bearer token is sent. */
  publisherId?: string;
  fetch?: typeof fetch;
  /** Per-attempt timeout; default 15000. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  logger?: MarketplaceLogger;
}

export type MarketplaceClient = ReturnType<typeof createFulfillmentApi> & ReturnType<typeof createMeteringApi>;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The one place the portal talks to Microsoft's SaaS Fulfillment v2 and Metering APIs. */
export function createMarketplaceClient(options: MarketplaceClientOptions): MarketplaceClient {
  let parsed: URL;
  try {
    parsed = new URL(options.baseUrl);
  } catch {
    throw new TypeError(`Marketplace baseUrl is not an absolute URL: ${options.baseUrl}`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new TypeError(`Marketplace baseUrl must be http(s): ${options.baseUrl}`);
  }
  if (options.publisherId === undefined && !options.getToken) {
    throw new TypeError("Marketplace client needs getToken, or publisherId for Microsoft's emulator");
  }
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  if (!(retry.maxAttempts >= 1)) throw new TypeError("retry.maxAttempts must be at least 1");

  const http = createHttpCore({
    baseUrl: options.baseUrl,
    getToken: options.getToken,
    publisherId: options.publisherId,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: options.timeoutMs ?? 15_000,
    retry,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    logger: options.logger,
  });
  return { ...createFulfillmentApi(http), ...createMeteringApi(http) };
}
