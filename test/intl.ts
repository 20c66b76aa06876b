/**
 * next-intl's server functions in English, for tests that run server code outside Next.js (where
 * its request configuration is not available):
 * `vi.mock("next-intl/server", () => import("@/test/intl").then((m) => m.nextIntlServerInEnglish()))`.
 */
export async function nextIntlServerInEnglish() {
  const { createFormatter, createTranslator } = await import("next-intl");
  const messages = (await import("@/messages/en.json")).default;
  return {
    getLocale: async () => "en",
    getTranslations: async (namespace?: string) => createTranslator({ locale: "en", messages, namespace: namespace as never }),
    getFormatter: async () => createFormatter({ locale: "en" }),
  };
}
