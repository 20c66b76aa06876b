import type { Metadata } from "next";
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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen flex flex-col">
        <ModeBanner env={getEnv()} />
        {children}
      </body>
    </html>
  );
}
