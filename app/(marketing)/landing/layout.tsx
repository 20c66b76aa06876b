import type { ReactNode } from "react";
import { BuyerFrame } from "@/app/_components/buyer-frame";
import { landingBrand } from "./purchase";

/** The landing page in the brand of the offer being bought, once the token is resolved. */
export default async function LandingLayout({ children }: { children: ReactNode }) {
  return <BuyerFrame brand={await landingBrand()}>{children}</BuyerFrame>;
}
