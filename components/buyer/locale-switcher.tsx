import { getLocale, getTranslations } from "next-intl/server";
import { LOCALES, LOCALE_NAMES } from "@/lib/i18n/locales";

/**
 * The buyer pages' language choice: a plain form, so it works before (or without) JavaScript. The
 * action remembers the choice in a cookie and returns to the same page.
 */
export async function LocaleSwitcher({ action }: { action: (form: FormData) => Promise<void> }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("Common")]);
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2 text-sm">
      <label htmlFor="locale-choice" className="text-slate-600">
        {t("language")}
      </label>
      <select
        id="locale-choice"
        name="locale"
        defaultValue={locale}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="rounded-md px-2 py-1 font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
      >
        {t("changeLanguage")}
      </button>
    </form>
  );
}
