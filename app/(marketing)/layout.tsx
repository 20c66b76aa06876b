import type { Metadata } from "next";
import type { ReactNode } from "react";
import { brandTitle } from "@/app/_components/brand-title";
import { requestBrand } from "@/lib/brand/brand";

export async function generateMetadata(): Promise<Metadata> {
  return brandTitle(await requestBrand(null));
}

/**
 * Each buyer segment (landing, account, welcome) frames its pages in its own layout, in the brand
 * it knows: the header, footer and accent belong to the offer, which only the segment can tell.
 */
export default function BuyerLayout({ children }: { children: ReactNode }) {
  return children;
}
