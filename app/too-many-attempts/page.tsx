import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BuyerFrame } from "@/app/_components/buyer-frame";
import { safeRedirectPath } from "@/lib/safe-redirect";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("TooManyAttempts"))("title") };
}

/** Where server actions send a browser over an abuse limit (lib/rate-limit/refuse.ts); route handlers answer 429 themselves. */
export default async function TooManyAttemptsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const seconds = Math.min(3600, Math.max(1, Math.floor(Number(params.retry)) || 60));
  const back = safeRedirectPath(params.next);
  const t = await getTranslations("TooManyAttempts");
  return (
    <BuyerFrame>
      <main className="flex flex-1 items-start justify-center px-4 py-10 sm:px-6 sm:py-16">
        <section className="w-full max-w-xl rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8" aria-labelledby="limit-title">
          <h1 id="limit-title" className="text-2xl font-semibold text-slate-900">
            {t("title")}
          </h1>
          <p className="mt-3 text-slate-600">{t("body", { seconds })}</p>
          <p className="mt-6">
            <Link href={back} prefetch={false} className="font-semibold text-brand-700 hover:underline">
              {t("back")}
            </Link>
          </p>
        </section>
      </main>
    </BuyerFrame>
  );
}
