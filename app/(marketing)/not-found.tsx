import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BuyerFrame } from "@/app/_components/buyer-frame";
import { NotFoundMessage } from "@/app/_components/not-found-message";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("NotFound"))("title") };
}

/** A buyer page asked for something that does not exist (notFound()); outside the segments' layouts, so framed here. */
export default function BuyerNotFound() {
  return (
    <BuyerFrame>
      <NotFoundMessage />
    </BuyerFrame>
  );
}
