"use client";

import { useEffect } from "react";
import "./globals.css";

/**
 * The last resort, when the root layout itself failed: it replaces the whole document, so it
 * brings its own html and body. Like every error page it logs, shows no internals, and retries.
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error("portal failed", error);
  }, [error]);
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <main className="flex flex-1 items-start justify-center px-6 py-16">
          <section role="alert" className="w-full max-w-xl rounded-2xl bg-white p-8 shadow-sm ring-1 ring-red-200">
            <h1 className="text-2xl font-semibold text-red-900">The portal could not be shown</h1>
            <p className="mt-3 text-slate-600">Something went wrong on our side. Try again in a moment.</p>
            {error.digest && <p className="mt-2 text-xs text-slate-500">Reference: {error.digest}</p>}
            <button
              type="button"
              onClick={reset}
              className="mt-5 rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
            >
              Try again
            </button>
          </section>
        </main>
      </body>
    </html>
  );
}
