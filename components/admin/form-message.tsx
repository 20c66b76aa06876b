import type { ActionState } from "@/lib/actions/result";

/** The outcome of the last submission, announced to screen readers. */
export function FormMessage({ state }: { state: ActionState<unknown> }) {
  if (!state) return null;
  if (state.ok) {
    return state.message ? (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
        {state.message}
      </p>
    ) : null;
  }
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
      {state.error}
    </p>
  );
}

export const inputClass = (error?: string) =>
  `mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-brand-600 ${error ? "border-red-400" : "border-slate-300"}`;
