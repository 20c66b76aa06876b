import type { ReactNode } from "react";
import { BuyerFrame } from "@/app/_components/buyer-frame";
import { accountBrand } from "../../_components/segment-brand";

// The list and each subscription's page have layouts of their own: a layout shared by both would
// be kept on client-side navigation between them, and with it the other page's brand.
export default async function AccountListLayout({ children }: { children: ReactNode }) {
  return <BuyerFrame brand={await accountBrand()}>{children}</BuyerFrame>;
}
