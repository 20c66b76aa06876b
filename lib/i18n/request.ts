import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, PATHNAME_HEADER, STAFF_LOCALE, isLocale, isStaffPath, resolveLocale } from "./locales";

/**
 * next-intl without i18n routing (https://next-intl.dev/docs/getting-started/app-router/without-i18n-routing):
 * URLs carry no locale, since Microsoft's landing-page URL is fixed per offer; the language comes
 * from the switcher's cookie, else from Accept-Language. Staff pages stay English (STAFF_LOCALE). A caller may ask for a locale explicitly
 * (getTranslations({ locale: "en" }) on staff pages).
 */
export default getRequestConfig(async ({ locale: requested }) => {
  const requestHeaders = await headers();
  const locale = isLocale(requested)
    ? requested
    : isStaffPath(requestHeaders.get(PATHNAME_HEADER))
      ? STAFF_LOCALE
      : resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value, requestHeaders.get("accept-language"));
  return { locale, messages: (await import(`../../messages/${locale}.json`)).default };
});
