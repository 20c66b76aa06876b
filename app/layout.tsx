import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { ModeBanner } from "@/components/mode-banner";
import { getEnv } from "@/lib/env";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Marketplace SaaS Portal", template: "%s · Marketplace SaaS Portal" },
  description: "Sell your SaaS product through the Microsoft commercial marketplace.",
};

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
