import { invalidResponseError } from "./errors";
import type { CallOptions, HttpCore } from "./http";
import { subscriptionsPageSchema, type MarketplaceSubscription } from "./schemas";

export interface SubscriptionsPageResult {
  subscriptions: MarketplaceSubscription[];
  nextLink?: string;
  continuationToken?: string;
}

export function createSubscriptionListing(http: HttpCore) {
  async function listSubscriptionsPage(continuationToken?: string, call?: CallOptions): Promise<SubscriptionsPageResult> {
    const res = await http.send(
      { operation: "listSubscriptions", method: "GET", path: "/saas/subscriptions", query: { continuationToken }, retry: "idempotent" },
      call,
    );
    const page = http.parse(subscriptionsPageSchema, res, "listSubscriptions");
    const next = page.nextLink ? continuationTokenOf(page.nextLink, http.baseUrl) : undefined;
    return { subscriptions: page.subscriptions, nextLink: page.nextLink, continuationToken: next };
  }

  // Only @nextLink's continuationToken is used, against our own base URL: the bearer token never leaves it.
  async function* listSubscriptions(options?: CallOptions): AsyncIterable<MarketplaceSubscription> {
    // One correlation ID for the whole walk, so Microsoft support sees it as one operation.
    const call = { ...options, correlationId: options?.correlationId ?? crypto.randomUUID() };
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const page = await listSubscriptionsPage(token, call);
      yield* page.subscriptions;
      if (page.nextLink && !page.continuationToken) throw pagingError(`@nextLink has no continuationToken: ${page.nextLink}`, call);
      token = page.continuationToken;
      if (token !== undefined) {
        if (seen.has(token)) throw pagingError("@nextLink repeats an earlier page", call);
        seen.add(token);
      }
    } while (token !== undefined);
  }

  return { listSubscriptionsPage, listSubscriptions };
}

export function continuationTokenOf(nextLink: string, baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(nextLink, `${baseUrl}/`);
  } catch {
    return undefined;
  }
  for (const [key, value] of url.searchParams) {
    if (key.toLowerCase() === "continuationtoken" && value !== "") return value;
  }
  return undefined;
}

function pagingError(detail: string, call: CallOptions) {
  return invalidResponseError({ operation: "listSubscriptions", status: 200, correlationId: call.correlationId, detail });
}
