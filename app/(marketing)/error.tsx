"use client";

import { useEffect } from "react";
import { LandingMessage } from "./landing/_components/landing-message";

/**
 * A buyer page that failed: logged, explained in the buyer pages' own look, and retryable.
 * Buyers arrive from Microsoft's storefront, so nothing of the failure itself is shown to them
 * (Next.js passes only a digest to the browser in production); the reference lets support find the log.
 */
export default function BuyerError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error("buyer page failed", error);
  }, [error]);
  return (
    <LandingMessage title="This page could not be shown" tone="error">
      <p>Something went wrong on our side. Your purchase is safe: nothing was changed that this page does not show.</p>
      <p className="mt-2">
        Try again in a moment. If it keeps happening, open your subscription again in the Azure portal or the Microsoft 365 admin center and
        choose <strong>Configure account</strong>.
      </p>
      {error.digest && <p className="mt-2 text-xs text-slate-500">Reference: {error.digest}</p>}
      <button
        type="button"
        onClick={reset}
        className="mt-5 rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
      >
        Try again
      </button>
    </LandingMessage>
  );
}
