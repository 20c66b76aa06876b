/**
 * The languages of the buyer pages. Buyers arrive from Azure Marketplace and AppSource in their
 * own language; staff pages stay English (STAFF_LOCALE) until their words move to messages too.
 */
export const LOCALES = ["en", "sv", "de", "fr", "es", "ja", "pt-BR"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const STAFF_LOCALE: Locale = "en";

/** The request header proxy.ts sets to the page's path, so the request's locale can tell staff pages from buyer pages. */
export const PATHNAME_HEADER = "x-portal-pathname";

/** The staff-facing areas (the dashboard, the simulator, the API docs, the portal's home page): English for now. */
export const isStaffPath = (pathname: string | null | undefined): boolean =>
  pathname === "/" || /^\/(admin|simulator|docs)(\/|$)/.test(pathname ?? "");

/** The buyer's own choice from the language switcher; it wins over Accept-Language. */
export const LOCALE_COOKIE = "NEXT_LOCALE";

/** Each language in its own name, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  sv: "Svenska",
  de: "Deutsch",
  fr: "Français",
  es: "Español",
  ja: "日本語",
  "pt-BR": "Português (Brasil)",
};

export const isLocale = (value: unknown): value is Locale => typeof value === "string" && (LOCALES as readonly string[]).includes(value);

/** A language tag matched to a supported locale: exact (case-insensitive), then by its primary language (sv-SE → sv, pt-PT → pt-BR). */
function matchTag(tag: string): Locale | undefined {
  const lower = tag.toLowerCase();
  const exact = LOCALES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const primary = lower.split("-")[0];
  return LOCALES.find((l) => l.toLowerCase().split("-")[0] === primary);
}

/** The best supported locale for an Accept-Language header (RFC 9110 §12.5.4), by quality then order. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .slice(0, 50)
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.tag !== "" && r.tag !== "*" && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const match = matchTag(tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

/** The cookie's choice if it names a supported locale, else the browser's languages. */
export const resolveLocale = (cookie: string | undefined, acceptLanguage: string | null | undefined): Locale =>
  isLocale(cookie) ? cookie : negotiateLocale(acceptLanguage);
