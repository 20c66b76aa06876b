import type { ReactNode } from "react";
import { BuyerFrame } from "@/app/_components/buyer-frame";
import { accountBrand } from "../_components/segment-brand";

export default async function AccountLayout({ children }: { children: ReactNode }) {
  return <BuyerFrame brand={await accountBrand()}>{children}</BuyerFrame>;
}
