import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotFoundMessage } from "@/app/_components/not-found-message";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("NotFound"))("title") };
}

/** A buyer page asked for something that does not exist (notFound()). */
export default function BuyerNotFound() {
  return <NotFoundMessage />;
}
