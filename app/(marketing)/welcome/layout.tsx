import type { Metadata } from "next";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";
import { BuyerFrame } from "@/app/_components/buyer-frame";
import { brandTitle } from "@/app/_components/brand-title";
import { requestBrand } from "@/lib/brand/brand";
import { RAW_SEARCH_HEADER } from "@/lib/raw-search";
import { verifyHandoffToken } from "@/lib/subscriptions/handoff";

/** The brand of the offer the hand-off token names (proxy.ts passes the query on); the portal's without a valid one. */
const welcomeBrand = cache(async () => {
  const token = new URLSearchParams((await headers()).get(RAW_SEARCH_HEADER) ?? "").get("token");
  const claims = token ? await verifyHandoffToken(token).catch(() => null) : null;
  return requestBrand(claims?.offerId ?? null);
});

export async function generateMetadata(): Promise<Metadata> {
  return brandTitle(await welcomeBrand());
}

export default async function WelcomeLayout({ children }: { children: ReactNode }) {
  return <BuyerFrame brand={await welcomeBrand()}>{children}</BuyerFrame>;
}
