import { invalidResponseError } from "./errors";
import type { CallOptions, HttpCore } from "./http";
import { subscriptionsPageSchema, type MarketplaceSubscription } from "./schemas";

export interface SubscriptionsPageResult {
  subscriptions: MarketplaceSubscription[];
  nextLink?: string;
  /** Taken from `nextLink`; pass it to the next listSubscriptionsPage call. */
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

  /**
   * Every subscription in every status, 100 per page. Only the continuationToken of `@nextLink`
   * is used, always against our own base URL, so the bearer token never goes to another origin.
   */
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

/** Extracts `continuationToken` from a nextLink, absolute or relative. */
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
