import type { Metadata } from "next";
import { NotFoundMessage } from "./_components/not-found-message";

export const metadata: Metadata = { title: "Page not found" };

/** Any URL the portal does not know, instead of Next.js's default page. */
export default function NotFound() {
  return <NotFoundMessage />;
}
