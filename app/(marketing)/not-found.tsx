import type { Metadata } from "next";
import { NotFoundMessage } from "@/app/_components/not-found-message";

export const metadata: Metadata = { title: "Page not found" };

/** A buyer page asked for something that does not exist (notFound()). */
export default function BuyerNotFound() {
  return <NotFoundMessage />;
}
