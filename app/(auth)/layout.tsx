import type { Metadata } from "next";
import type { ReactNode } from "react";
import { BuyerFrame } from "@/app/_components/buyer-frame";
import { brandTitle } from "@/app/_components/brand-title";
import { requestBrand } from "@/lib/brand/brand";

export async function generateMetadata(): Promise<Metadata> {
  return brandTitle(await requestBrand(null));
}

/** Sign-in knows no offer yet: the portal's default brand. */
export default async function SignInLayout({ children }: { children: ReactNode }) {
  return <BuyerFrame brand={await requestBrand(null)}>{children}</BuyerFrame>;
}
