"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { LandingMessage } from "./landing/_components/landing-message";

/**
 * A buyer page that failed: logged, explained in the buyer pages' own look and language, and retryable.
 * Buyers arrive from Microsoft's storefront, so nothing of the failure itself is shown to them
 * (Next.js passes only a digest to the browser in production); the reference lets support find the log.
 */
export default function BuyerError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("ErrorPage");
  useEffect(() => {
    console.error("buyer page failed", error);
  }, [error]);
  return (
    <LandingMessage title={t("title")} tone="error">
      <p>{t("body")}</p>
      <p className="mt-2">{t.rich("next", { strong: (chunks) => <strong>{chunks}</strong> })}</p>
      {error.digest && <p className="mt-2 text-xs break-all text-slate-500">{t("reference", { reference: error.digest })}</p>}
      <button
        type="button"
        onClick={reset}
        className="mt-5 rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-on-brand hover:bg-brand-hover"
      >
        {t("retry")}
      </button>
    </LandingMessage>
  );
}
