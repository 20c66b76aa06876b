import type { ReactNode } from "react";
import { BuyerFrame } from "@/app/_components/buyer-frame";
import { accountBrand } from "../../_components/segment-brand";

/** A subscription's own page, in its offer's brand (see ../(list)/layout.tsx for why a layout of its own). */
export default async function SubscriptionLayout({ children }: { children: ReactNode }) {
  return <BuyerFrame brand={await accountBrand()}>{children}</BuyerFrame>;
}
