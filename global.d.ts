import type en from "./messages/en.json";
import type { Locale } from "./lib/i18n/locales";

// next-intl checks every message key and locale against English, the reference language.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
