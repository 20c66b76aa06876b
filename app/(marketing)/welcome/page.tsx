import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { SupportNote } from "@/components/buyer/support-note";
import { currentUser } from "@/lib/auth";
import { verifyHandoffToken, type HandoffClaims } from "@/lib/subscriptions/handoff";
import { SignedInAs } from "../_components/signed-in-as";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Welcome"))("metaTitle") };
}

/**
 * The default hand-off target while an offer has no product URL of its own: it verifies the
 * hand-off token exactly as the SaaS product would (see README) and shows what it carries.
 */
export default async function WelcomePage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  let claims: HandoffClaims | null = null;
  if (token) claims = await verifyHandoffToken(token).catch(() => null);
  const [user, t, format] = await Promise.all([currentUser(), getTranslations("Welcome"), getFormatter()]);
  const signedIn = user && (
    <SignedInAs user={user} returnTo={token ? `/welcome?token=${encodeURIComponent(token)}` : "/welcome"} className="mb-4" />
  );
  if (!claims) {
    return (
      <main className="mx-auto w-full max-w-xl flex-1 px-4 py-10 sm:px-6 sm:py-16">
        {signedIn}
        <h1 className="text-2xl font-semibold text-red-900">{t("invalid.title")}</h1>
        <p className="mt-2 text-slate-600">{t("invalid.body")}</p>
        <p className="mt-2 text-slate-600">
          {t.rich("invalid.next", {
            link: (chunks) => (
              <Link href="/account" className="font-medium text-brand-700 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
        <SupportNote offerId={null} className="mt-6" />
      </main>
    );
  }
  return (
    <main className="mx-auto w-full max-w-xl flex-1 px-4 py-10 sm:px-6 sm:py-16">
      {signedIn}
      <h1 className="text-3xl font-bold break-words text-slate-900">
        {claims.user.name ? t("titleNamed", { name: claims.user.name }) : t("title")}
      </h1>
      <p className="mt-2 text-slate-600">{t("body")}</p>
      <dl className="mt-6 grid grid-cols-[auto_minmax(0,1fr)] gap-3 rounded-xl bg-white p-5 text-sm ring-1 ring-slate-200">
        <dt className="text-slate-500">{t("subscription")}</dt>
        <dd className="font-mono text-xs break-all">{claims.subscriptionId}</dd>
        <dt className="text-slate-500">{t("offer")}</dt>
        <dd className="break-words">{claims.offerId}</dd>
        <dt className="text-slate-500">{t("plan")}</dt>
        <dd className="break-words">{claims.planId}</dd>
        <dt className="text-slate-500">{t("seats")}</dt>
        <dd>{claims.quantity == null ? "—" : format.number(claims.quantity)}</dd>
        <dt className="text-slate-500">{t("user")}</dt>
        <dd className="break-all">{claims.user.email ?? claims.user.id}</dd>
      </dl>
    </main>
  );
}
