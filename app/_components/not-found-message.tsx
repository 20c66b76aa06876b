import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SupportNote } from "@/components/buyer/support-note";
import { LandingMessage } from "@/app/(marketing)/landing/_components/landing-message";

/** The portal's "page not found", in the buyer pages' look and language: most unknown URLs come from a buyer's link. */
export async function NotFoundMessage() {
  const t = await getTranslations("NotFound");
  return (
    <LandingMessage title={t("title")} tone="info" support={<SupportNote className="" />}>
      <p>{t.rich("body", { strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <p className="mt-4">
        <Link href="/" className="font-semibold text-brand-700 underline">
          {t("home")}
        </Link>
      </p>
    </LandingMessage>
  );
}
