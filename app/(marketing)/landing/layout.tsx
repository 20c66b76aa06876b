import type { Metadata } from "next";
import type { ReactNode } from "react";
import { BuyerFrame } from "@/app/_components/buyer-frame";
import { brandTitle } from "@/app/_components/brand-title";
import { landingBrand } from "./purchase";

export async function generateMetadata(): Promise<Metadata> {
  return brandTitle(await landingBrand());
}

/** The landing page in the brand of the offer being bought, once the token is resolved. */
export default async function LandingLayout({ children }: { children: ReactNode }) {
  return <BuyerFrame brand={await landingBrand()}>{children}</BuyerFrame>;
}
