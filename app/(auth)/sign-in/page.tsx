import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SignInButton } from "@/components/sign-in-button";
import { SupportNote } from "@/components/buyer/support-note";
import { signInErrorKey } from "@/lib/auth/sign-in-errors";
import { getEnv } from "@/lib/env";
import { safeRedirectPath } from "@/lib/safe-redirect";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("SignIn"))("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const redirectTo = safeRedirectPath(params.callbackUrl);
  const error = signInErrorKey(params.error);
  const simulated = getEnv().auth.provider === "simulator";
  const [t, tc] = await Promise.all([getTranslations("SignIn"), getTranslations("Common")]);

  return (
    <main className="flex flex-1 items-center justify-center px-4 py-10 sm:px-6 sm:py-16">
      <div className="w-full max-w-md rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
        <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-2 text-sm text-slate-600">
          {t("body")}
          {simulated && ` ${t("simulated")}`}
        </p>
        {error && (
          <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
            {t(`errors.${error}`)}
          </p>
        )}
        <div className="mt-6">
          <SignInButton redirectTo={redirectTo} label={tc("signInWithMicrosoft")} />
        </div>
        {error && <SupportNote className="mt-6 border-t border-slate-100 pt-4" />}
      </div>
    </main>
  );
}
