import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BuyerFrame } from "./_components/buyer-frame";
import { NotFoundMessage } from "./_components/not-found-message";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("NotFound"))("title") };
}

/** Any URL the portal does not know, instead of Next.js's default page: a buyer page, with the language switcher. */
export default function NotFound() {
  return (
    <BuyerFrame>
      <NotFoundMessage />
    </BuyerFrame>
  );
}
