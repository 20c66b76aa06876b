import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db";
import { getSubscriptionById, listSubscriptionsForBuyer } from "@/db/queries/subscriptions";
import { currentUser } from "@/lib/auth";
import { requestBrand, type Brand } from "@/lib/brand/brand";
import { PATHNAME_HEADER } from "@/lib/i18n/locales";
import { RAW_SEARCH_HEADER } from "@/lib/raw-search";
import { buyerCanSee, buyerScope } from "@/lib/subscriptions/access";
import { verifyHandoffToken } from "@/lib/subscriptions/handoff";
import { accountSubscriptionId, listBrandOffer } from "../account/brand-offer";
import { landingBrand } from "../landing/purchase";

/** /account/<id>: that subscription's offer, if the buyer may see it; /account: see listBrandOffer. */
export const accountBrand = cache(async (): Promise<Brand> => {
  const user = await currentUser();
  if (!user) return requestBrand(null);
  const db = await getDb();
  const id = accountSubscriptionId((await headers()).get(PATHNAME_HEADER) ?? "");
  if (id) {
    const sub = await getSubscriptionById(db, id);
    return requestBrand(sub && buyerCanSee(sub, user) ? sub.offerId : null);
  }
  return requestBrand(listBrandOffer(await listSubscriptionsForBuyer(db, buyerScope(user))));
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
