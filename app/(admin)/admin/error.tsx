"use client";

import { useEffect } from "react";

/** A failed admin page: logged, explained, and retryable without losing the shell. */
export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error("admin page failed", error);
  }, [error]);
  return (
    <section role="alert" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-red-200">
      <h1 className="text-lg font-semibold text-red-900">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-600">
        Something went wrong while reading the data. Nothing was changed.
        {error.digest && <span className="mt-1 block text-xs text-slate-500">Reference: {error.digest}</span>}
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-semibold text-white hover:bg-brand-700"
      >
        Try again
      </button>
    </section>
  );
}
