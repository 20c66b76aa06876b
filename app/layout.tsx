import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { ModeBanner } from "@/components/mode-banner";
import { PORTAL_BRAND, requestBrand } from "@/lib/brand/brand";
import { getEnv } from "@/lib/env";
import "./globals.css";

/** Titles name the portal's default product; buyer segments name their offer's, the dashboard its own. */
export async function generateMetadata(): Promise<Metadata> {
  const name = (await requestBrand(null).catch(() => PORTAL_BRAND)).productName;
  return {
    title: { default: name, template: `%s · ${name}` },
    description: "Sell your SaaS product through the Microsoft commercial marketplace.",
  };
}

// The marketplace mode is run-time configuration, so no page may be frozen at build time.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  return (
    <html lang={locale}>
      <body className="min-h-screen flex flex-col">
        <ModeBanner env={getEnv()} />
        {/* Client components get only the words they use: the error page's. */}
        <NextIntlClientProvider messages={{ ErrorPage: messages.ErrorPage }}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
