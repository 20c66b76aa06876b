"use client";

import { useState } from "react";

/** A signing secret on screen, with a copy button; it never goes into the URL or the page's HTML until asked for. */
export function SecretValue({ secret, note }: { secret: string; note?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
      <p className="text-sm font-medium text-slate-700">Signing secret</p>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <code className="break-all rounded bg-white px-2 py-1 text-xs text-slate-900 ring-1 ring-slate-200">{secret}</code>
        <button
          type="button"
          onClick={() => navigator.clipboard?.writeText(secret).then(() => setCopied(true))}
          className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 ring-1 ring-inset ring-slate-300 hover:bg-white"
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      {note && <p className="mt-1 text-xs text-slate-500">{note}</p>}
    </div>
  );
}
