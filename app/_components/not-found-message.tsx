import Link from "next/link";
import { LandingMessage } from "@/app/(marketing)/landing/_components/landing-message";

/** The portal's "page not found", in the buyer pages' look: most unknown URLs come from a buyer's link. */
export function NotFoundMessage() {
  return (
    <LandingMessage title="Page not found" tone="info">
      <p>
        There is no page at this address. If you came from Microsoft after a purchase, open your subscription again in the Azure portal or
        the Microsoft 365 admin center and choose <strong>Configure account</strong>.
      </p>
      <p className="mt-4">
        <Link href="/" className="font-semibold text-brand-700 underline">
          Go to the portal&apos;s home page
        </Link>
      </p>
    </LandingMessage>
  );
}
