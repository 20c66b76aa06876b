"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth";
import { getEnv } from "@/lib/env";
import { LOCALE_COOKIE, isLocale } from "@/lib/i18n/locales";
import { safeRedirectPath } from "@/lib/safe-redirect";

/**
 * "Use another account" on the buyer pages: ends the portal session and returns to the same page,
 * whose sign-in button then asks Microsoft to let the buyer pick an account. Anyone may call it;
 * it only ever signs out the caller's own session and redirects within the portal.
 */
export async function switchAccountAction(form: FormData): Promise<void> {
  // Anyone can call an action with arguments of their own making: anything but a form means no path.
  const redirectTo = form instanceof FormData ? form.get("redirectTo") : null;
  await signOut({ redirectTo: safeRedirectPath(redirectTo, "/account") });
}

/**
 * The language switcher: remembers the buyer's choice for a year and returns to the page it was
 * used on (the Referer's path; only ever a path of the portal). An unknown language changes nothing.
 */
export async function chooseLanguageAction(form: FormData): Promise<void> {
  const locale = form instanceof FormData ? form.get("locale") : null;
  if (isLocale(locale)) {
    (await cookies()).set(LOCALE_COOKIE, locale, {
      path: "/",
      maxAge: 365 * 24 * 3600,
      sameSite: "lax",
      httpOnly: true,
      secure: getEnv().publicBaseUrl.startsWith("https://"),
    });
  }
  redirect(safeRedirectPath(pathOf((await headers()).get("referer")), "/account"));
}

function pathOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const { pathname, search } = new URL(url);
    return pathname + search;
  } catch {
    return null;
  }
}
