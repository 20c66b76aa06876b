import type { Metadata } from "next";
import type { ReactNode } from "react";
import { brandTitle } from "@/app/_components/brand-title";
import { segmentBrand } from "./_components/segment-brand";

export async function generateMetadata(): Promise<Metadata> {
  return brandTitle(await segmentBrand());
}

/**
 * Each buyer segment (landing, account, welcome) frames its pages in its own layout, in the brand
 * it knows: the header, footer and accent belong to the offer, which only the segment can tell.
 */
export default function BuyerLayout({ children }: { children: ReactNode }) {
  return children;
}
