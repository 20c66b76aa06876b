import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db";
import { listSubscriptionsForBuyer } from "@/db/queries/subscriptions";
import { currentUser } from "@/lib/auth";
import { requestBrand, type Brand } from "@/lib/brand/brand";
import { PATHNAME_HEADER } from "@/lib/i18n/locales";
import { RAW_SEARCH_HEADER } from "@/lib/raw-search";
import { buyerScope } from "@/lib/subscriptions/access";
import { verifyHandoffToken } from "@/lib/subscriptions/handoff";
import { landingBrand } from "../landing/purchase";

/** /account: the offer's brand when every subscription of the buyer is of one offer; else (none, or several products) the portal's. */
export const accountBrand = cache(async (): Promise<Brand> => {
  const user = await currentUser();
  if (!user) return requestBrand(null);
  const offers = new Set((await listSubscriptionsForBuyer(await getDb(), buyerScope(user))).map((s) => s.offerId));
  return requestBrand(offers.size === 1 ? [...offers][0]! : null);
});

/** /welcome: the offer its hand-off token names (proxy.ts passes the query on, as layouts get no search params). */
export const welcomeBrand = cache(async (): Promise<Brand> => {
  const token = new URLSearchParams((await headers()).get(RAW_SEARCH_HEADER) ?? "").get("token");
  const claims = token ? await verifyHandoffToken(token).catch(() => null) : null;
  return requestBrand(claims?.offerId ?? null);
});

const BY_SEGMENT: Record<string, () => Promise<Brand>> = { landing: landingBrand, account: accountBrand, welcome: welcomeBrand };

/**
 * The brand of the buyer page being rendered, by its first path segment. The buyer layout names
 * its titles with it: a layout's title template reaches only the pages of the segments below it.
 */
export async function segmentBrand(): Promise<Brand> {
  const segment = ((await headers()).get(PATHNAME_HEADER) ?? "").split("/")[1] ?? "";
  return (BY_SEGMENT[segment] ?? (() => requestBrand(null)))();
}
