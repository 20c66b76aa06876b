import type { ReactNode } from "react";
import { BuyerFrame } from "@/app/_components/buyer-frame";
import { welcomeBrand } from "../_components/segment-brand";

export default async function WelcomeLayout({ children }: { children: ReactNode }) {
  return <BuyerFrame brand={await welcomeBrand()}>{children}</BuyerFrame>;
}
