import type { ReactNode } from "react";
import { BuyerFrame } from "@/app/_components/buyer-frame";

export default function BuyerLayout({ children }: { children: ReactNode }) {
  return <BuyerFrame>{children}</BuyerFrame>;
}
