"use client";

import { useFormStatus } from "react-dom";

const STYLES = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 focus-visible:ring-brand-600",
  danger: "bg-red-700 text-white hover:bg-red-800 focus-visible:ring-red-700",
  secondary: "bg-white text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:ring-brand-600",
} as const;

/**
 * `context` is read after the label by screen readers only: what a button repeated on every row
 * acts on ("Replay" … "Suspend of 3 Dec 2026, 10:04").
 */
export function SubmitButton({
  label,
  pendingLabel,
  variant = "primary",
  context,
}: {
  label: string;
  pendingLabel?: string;
  variant?: keyof typeof STYLES;
  context?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      className={`inline-flex items-center rounded-md px-3.5 py-2 text-sm font-semibold shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-offset-2 disabled:cursor-wait disabled:opacity-70 ${STYLES[variant]}`}
    >
      {pending ? (pendingLabel ?? `${label}…`) : label}
      {context && <span className="sr-only"> {context}</span>}
    </button>
  );
}
