import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db";
import { requestBrand, type Brand } from "@/lib/brand/brand";
import { readLandingToken } from "@/lib/marketplace";
import { clientAddressOf, consumeAbuseLimit } from "@/lib/rate-limit";
import { RAW_SEARCH_HEADER } from "@/lib/raw-search";
import { getMarketplaceClient } from "@/lib/services/marketplace";
import { openPurchase, type LandingOutcome } from "@/lib/subscriptions/landing";

/**
 * The purchase behind a token, resolved once per request: the layout (the offer's brand), the
 * page's title and the page itself all ask, and Microsoft is called (and the abuse limit counted) once.
 */
export const landingPurchase = cache(async (token: string | undefined): Promise<LandingOutcome> => {
  const requestHeaders = await headers();
  const address = clientAddressOf((name) => requestHeaders.get(name));
  const limitResolve = () => consumeAbuseLimit("landingResolve", address);
  return openPurchase({ db: await getDb(), client: getMarketplaceClient(), limitResolve }, token);
});

/** The token from the raw query that proxy.ts hands the landing page, decoded exactly once (a `+` must survive). */
export async function rawLandingToken(): Promise<string | undefined> {
  const raw = (await headers()).get(RAW_SEARCH_HEADER);
  return raw === null ? undefined : readLandingToken(raw);
}

/** The brand of the offer being bought; the portal's default while the purchase is unknown. */
export async function landingBrand(): Promise<Brand> {
  const outcome = await landingPurchase(await rawLandingToken());
  return requestBrand(outcome.kind === "purchase" ? outcome.offer.id : null);
}
