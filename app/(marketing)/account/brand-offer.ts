import { z } from "zod";

/**
 * The offer whose brand frames the list on /account: the one offer when every subscription is of
 * it, else none (the portal's brand), since no single product's name is true for a list that spans
 * several products.
 */
export function listBrandOffer(subs: ReadonlyArray<{ offerId: string }>): string | null {
  const offers = new Set(subs.map((s) => s.offerId));
  return offers.size === 1 ? [...offers][0]! : null;
}

/** The subscription a path such as /account/<id> is about, when it names one; its page wears that offer's brand. */
export function accountSubscriptionId(pathname: string): string | null {
  const id = z.guid().safeParse(/^\/account\/([^/?#]+)\/?$/.exec(pathname)?.[1]);
  return id.success ? id.data : null;
}
