import type { Metadata } from "next";
import { cache, type ReactNode } from "react";
import { getDb } from "@/db";
import { listSubscriptionsForBuyer } from "@/db/queries/subscriptions";
import { BuyerFrame } from "@/app/_components/buyer-frame";
import { brandTitle } from "@/app/_components/brand-title";
import { currentUser } from "@/lib/auth";
import { requestBrand } from "@/lib/brand/brand";
import { buyerScope } from "@/lib/subscriptions/access";

/** The offer's brand when every subscription of the buyer is of one offer; else (none, or several products) the portal's. */
const accountBrand = cache(async () => {
  const user = await currentUser();
  if (!user) return requestBrand(null);
  const offers = new Set((await listSubscriptionsForBuyer(await getDb(), buyerScope(user))).map((s) => s.offerId));
  return requestBrand(offers.size === 1 ? [...offers][0]! : null);
});

export async function generateMetadata(): Promise<Metadata> {
  return brandTitle(await accountBrand());
}

export default async function AccountLayout({ children }: { children: ReactNode }) {
  return <BuyerFrame brand={await accountBrand()}>{children}</BuyerFrame>;
}
