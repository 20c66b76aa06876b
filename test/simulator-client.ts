import { createMarketplaceClient, type MarketplaceClient } from "@/lib/marketplace";
import { handleSimulatorRequest } from "marketplace-simulator";
import { API, checkedFetch, type SimHarness } from "marketplace-simulator/testing";

/** The portal's Fulfillment client talking to the harness's simulator in process, with quick retries. */
export function simulatorClient(h: SimHarness): MarketplaceClient {
  return createMarketplaceClient({
    baseUrl: API,
    getToken: () => h.mintToken(),
    fetch: (input, init) => handleSimulatorRequest(new Request(input, init)),
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
  });
}

/** The same client with every response checked against Microsoft's OpenAPI documents, and no retries: a test sees each fault. */
export function checkedSimulatorClient(h: SimHarness): MarketplaceClient {
  return createMarketplaceClient({
    baseUrl: API,
    getToken: () => h.mintToken(),
    fetch: (input, init) => checkedFetch(new Request(input, init)),
    retry: { maxAttempts: 1 },
  });
}
